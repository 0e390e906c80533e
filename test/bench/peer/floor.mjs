// The raw-SQL floor: one prepared statement per request behind a minimal HTTP server, answering in
// the hub's shape. GET /nested?province=79&first=100, GET /lookup?taxCode=…; PORT=0 picks a free port.
import http from "node:http";
import pg from "pg";
import { LOOKUP_SQL, NESTED_SQL, nest } from "./sql.mjs";

// Same pool size as the hub (LIENTHONG_PG_POOL_SIZE default 10) and PostGraphile (graphile.config.mjs).
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, "http://floor");
  try {
    let data;
    if (url.pathname === "/lookup") {
      const [row] = (await pool.query({ name: "lookup", text: LOOKUP_SQL, values: [url.searchParams.get("taxCode")] })).rows;
      data = { enterprise: row ? { name: row.name, province: { name: row.province_name } } : null };
    } else if (url.pathname === "/nested") {
      const first = Number(url.searchParams.get("first") ?? 100);
      const { rows } = await pool.query({ name: "nested", text: NESTED_SQL, values: [url.searchParams.get("province"), first] });
      data = { enterprises: nest(rows, first) };
    } else {
      res.statusCode = 404;
      res.end();
      return;
    }
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ data }));
  } catch (error) {
    res.statusCode = 500;
    res.end(JSON.stringify({ errors: [{ message: String(error) }] }));
  }
});
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => process.stderr.write(`floor listening on http://127.0.0.1:${server.address().port}\n`));
process.once("SIGTERM", () => {
  server.close(() => void pool.end());
  server.closeAllConnections();
});
