// One run, one database: the hub, the hub at an earlier commit, PostGraphile v5 and one SQL statement (see README.md).
import { SignJWT } from "jose";
import { randomUUID } from "node:crypto";
const [NEW, OLD, PGL, FLOOR] = process.argv.slice(2);
const SECRET = new TextEncoder().encode("bench-only-jwt-secret-0123456789abcdef0123456789");
const PROVINCES = ["01","04","08","11","12","14","15","19","20","22","24","25","31","33","37","38","40","42","44","46","48","51","52","56","66","68","75","79","80","82","86","91","92","96"];
const TAX = JSON.parse(process.env.TAX_CODES);
const token = async (sub) => new SignJWT({ agency: "bhxh", roles: ["inspector"], purposes: ["inspection"] }).setProtectedHeader({ alg: "HS256" }).setSubject(sub).setIssuedAt().setJti(randomUUID()).setExpirationTime("2h").sign(SECRET);
const hubNested = `query Nested($province: String!) { enterprises(first: 100, filter: { provinceCode: $province }) { edges { node { taxCode name status registeredOn province { code name } sector { code name } taxHeadcount { period employees } bhxhUnit { code enrolment { period compulsoryInsured unemploymentInsured arrearsMonths } } } } } }`;
const pgNested = `query Nested($province: String!) { allEnterprises(first: 100, condition: { provinceCode: $province }, orderBy: TAX_CODE_ASC) { nodes { taxCode name status registeredOn hubProvinceByProvinceCode { code name } hubSectorBySectorCode { code name } taxHeadcountsByTaxCode(orderBy: PERIOD_DESC, first: 1) { nodes { period employees } } bhxhUnitByTaxCode { code bhxhEnrolmentsByUnitCode(orderBy: PERIOD_DESC, first: 1) { nodes { period compulsoryInsured unemploymentInsured arrearsMonths } } } } } }`;
const hubOne = `query One($taxCode: String!) { enterprise(taxCode: $taxCode) { name province { name } } }`;
const pgOne = `query One($taxCode: String!) { enterpriseByTaxCode(taxCode: $taxCode) { name hubProvinceByProvinceCode { name } } }`;
const pick = (a) => a[Math.floor(Math.random() * a.length)];
async function gql(url, headers, query, variables) {
  const r = await fetch(url + "/graphql", { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query, variables }) });
  const b = await r.json(); if (b.errors) throw new Error(`${url}: ${JSON.stringify(b.errors).slice(0, 300)}`); return b;
}
async function systems() {
  const hubHeaders = async () => ({ authorization: `Bearer ${await token(`bench-${randomUUID()}`)}`, "x-purpose": "inspection" });
  const hub = (url) => ({ nested: async (h) => gql(url, h, hubNested, { province: pick(PROVINCES) }), one: async (h) => gql(url, h, hubOne, { taxCode: pick(TAX) }), headers: hubHeaders });
  return [
    ["Liên thông now (access + audit on)", hub(NEW)],
    ["Liên thông at the earlier commit", hub(OLD)],
    ["PostGraphile v5 (amber)", { nested: (h) => gql(PGL, h, pgNested, { province: pick(PROVINCES) }), one: (h) => gql(PGL, h, pgOne, { taxCode: pick(TAX) }), headers: async () => ({}) }],
    ["one SQL statement (floor)", { nested: async () => { const r = await fetch(`${FLOOR}/nested?p=${pick(PROVINCES)}`); await r.json(); }, one: async () => { const r = await fetch(`${FLOOR}/simple?t=${pick(TAX)}`); await r.json(); }, headers: async () => ({}) }],
  ];
}
const pct = (s, p) => s[Math.min(s.length - 1, Math.floor(p / 100 * s.length))];
async function measure(sys, kind, seconds, samples) {
  const h = await sys.headers(); for (let i = 0; i < 5; i++) await sys[kind](h);
  const lat = []; for (let i = 0; i < samples; i++) { const t = performance.now(); await sys[kind](h); lat.push(performance.now() - t); }
  const clients = await Promise.all(Array.from({ length: 8 }, () => sys.headers()));
  let done = 0; const until = Date.now() + seconds * 1000;
  await Promise.all(clients.map(async (c) => { while (Date.now() < until) { await sys[kind](c); done++; } }));
  lat.sort((a, b) => a - b);
  return { p50: pct(lat, 50), p99: pct(lat, 99), rps: done / seconds };
}
const all = await systems();
const results = new Map(all.map(([n]) => [n, { nested: [], one: [] }]));
for (let round = 0; round < 3; round++) {
  for (const [name, sys] of (round % 2 ? [...all].reverse() : all)) {
    for (const kind of ["nested", "one"]) results.get(name)[kind].push(await measure(sys, kind, 10, kind === "nested" ? 40 : 100));
    process.stderr.write(`round ${round + 1}: ${name} done\n`);
  }
}
const median = (xs, k) => xs.map((x) => x[k]).sort((a, b) => a - b)[1];
for (const kind of ["nested", "one"]) {
  console.log(`\n${kind === "nested" ? "nested 100-enterprise page" : "one-enterprise lookup"} (medians of 3 rounds; 8 clients for throughput, 1 client for latency)`);
  const base = Object.fromEntries([...results].map(([n, r]) => [n, { p50: median(r[kind], "p50"), p99: median(r[kind], "p99"), rps: median(r[kind], "rps") }]));
  const now = base["Liên thông now (access + audit on)"], pg = base["PostGraphile v5 (amber)"], old = base["Liên thông at the earlier commit"];
  for (const [n, m] of Object.entries(base)) console.log(`  ${n.padEnd(42)} ${m.rps.toFixed(1).padStart(7)} req/s  p50 ${m.p50.toFixed(1).padStart(6)} ms  p99 ${m.p99.toFixed(1).padStart(6)} ms`);
  console.log(`  now vs PostGraphile: throughput ×${(now.rps / pg.rps).toFixed(2)}, p50 ×${(now.p50 / pg.p50).toFixed(2)}; now vs before: throughput ×${(now.rps / old.rps).toFixed(2)}, p50 ×${(now.p50 / old.p50).toFixed(2)}`);
}
