// The raw-SQL floor: one statement per request behind a minimal HTTP server.
import http from "node:http";
import pg from "pg";
import { NESTED_SQL, SIMPLE_SQL, nest } from "./sql.mjs";
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
http.createServer(async (req, res) => {
  const url = new URL(req.url, "http://x");
  try {
    const body = url.pathname === "/simple"
      ? (await pool.query({ name: "simple", text: SIMPLE_SQL, values: [url.searchParams.get("t")] })).rows[0]
      : nest((await pool.query({ name: "nested", text: NESTED_SQL, values: [url.searchParams.get("p")] })).rows);
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ data: body }));
  } catch (e) { res.statusCode = 500; res.end(String(e)); }
}).listen(Number(process.env.PORT), "127.0.0.1", () => process.stderr.write(`floor on ${process.env.PORT}\n`));
