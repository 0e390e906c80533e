import { parseArgs } from "node:util";
import { decodeJwt } from "jose";
import { loadConfig, type HubConfig } from "../config";
import { AGENCIES, PURPOSES, ROLES, isAgency, isPurpose, isRole, type Principal } from "../identity/principal";
import { signToken } from "../identity/sign-token";
import { signingSecret } from "../identity/token-verifier";
import { readZoneClaim } from "../identity/zone-claim";
import { PROVINCES } from "../reference-data/provinces";

const USAGE = `Prints a token signed with this hub's secret, for GraphiQL or a script.

  npm run token -- --agency bhxh --roles analyst --province 40 --purposes inspection,enrolment
  npm run token -- --agency izb --roles analyst --province 79 --zones KCN79-01,KCN79-02 --purposes monitoring

  --agency    ${AGENCIES.join(", ")}
  --roles     comma-separated: ${ROLES.join(", ")}
  --purposes  comma-separated, the first is the default: ${PURPOSES.join(", ")}
  --province  two-digit province code the token is limited to (omit for national)
  --zones     comma-separated industrial-zone codes of that province the token is limited to (omit for none)
  --sub       who the token is for (default: <agency>-demo)
  --hours     validity in hours (default 12, at most LIENTHONG_TOKEN_MAX_LIFETIME_HOURS, 24 unless set)

It prints the token's jti too; npm run token:revoke -- --jti <jti> --reason "…" revokes it.`;

/** Reads the command line into a principal; throws a message naming the bad option. `maxHours` is the hub's longest token lifetime. */
export function parseTokenArguments(argv: string[], maxHours: number): { principal: Principal; hours: number } {
  const { values } = parseArgs({
    args: argv,
    options: {
      agency: { type: "string" },
      roles: { type: "string" },
      purposes: { type: "string" },
      province: { type: "string" },
      zones: { type: "string" },
      sub: { type: "string" },
      hours: { type: "string", default: String(Math.min(12, maxHours)) },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) throw new HelpRequested(USAGE);
  const list = (text: string | undefined) =>
    (text ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  if (!isAgency(values.agency)) throw new Error(`--agency must be one of ${AGENCIES.join(", ")}${values.agency ? `, not "${values.agency}"` : ""}.`);
  const roles = list(values.roles);
  if (roles.length === 0 || !roles.every(isRole))
    throw new Error(`--roles must list some of ${ROLES.join(", ")}${values.roles ? `, not "${values.roles}"` : ""}.`);
  const purposes = list(values.purposes);
  if (purposes.length === 0 || !purposes.every(isPurpose))
    throw new Error(`--purposes must list some of ${PURPOSES.join(", ")}${values.purposes ? `, not "${values.purposes}"` : ""}.`);
  if (values.province !== undefined && !PROVINCES.some((p) => p.code === values.province)) {
    throw new Error(`--province "${values.province}" is not one of the 34 province codes (01 Hà Nội … 96 Cà Mau).`);
  }
  let zoneCodes: string[] | undefined;
  if (values.zones !== undefined) {
    const claim = readZoneClaim(list(values.zones), values.province);
    if ("problem" in claim) throw new Error(`--zones "${values.zones}" is refused: ${claim.problem}.`);
    zoneCodes = claim.zones;
  }
  const hours = Number(values.hours);
  if (!(hours * 60 >= 1 && hours <= maxHours)) {
    throw new Error(
      `--hours must be from 1/60 (one minute) to ${maxHours} (LIENTHONG_TOKEN_MAX_LIFETIME_HOURS), not "${values.hours}": the hub refuses longer-lived tokens.`,
    );
  }
  if (values.sub !== undefined && values.sub.trim() === "") throw new Error("--sub must name who the token is for; leave it out for <agency>-demo.");
  return {
    principal: {
      subject: values.sub ?? `${values.agency}-demo`,
      agency: values.agency,
      roles,
      purposes,
      provinceCode: values.province,
      ...(zoneCodes ? { zoneCodes } : {}),
    },
    hours,
  };
}

/** --help: print the usage and succeed. */
class HelpRequested extends Error {}

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parseTokenArguments>;
  let config: HubConfig;
  try {
    const args = process.argv.slice(2);
    // --help must work where the environment is not set up yet: it reads the defaults only.
    config = loadConfig(args.includes("--help") ? {} : process.env);
    parsed = parseTokenArguments(args, config.tokenMaxLifetimeHours);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = error instanceof HelpRequested ? 0 : 2;
    return;
  }
  if (config.jwksUrl) {
    process.stderr.write("LIENTHONG_JWKS_URL is set: tokens come from your identity provider, not from this command.\n");
    process.exitCode = 2;
    return;
  }
  const token = await signToken(parsed.principal, signingSecret(config), parsed.hours);
  process.stdout.write(`${token}\n`);
  process.stderr.write(
    `Valid ${parsed.hours} h. Its jti is ${String(decodeJwt(token).jti)}, for npm run token:revoke.\n` +
      `In GraphiQL, open Headers and paste:\n` +
      `${JSON.stringify({ authorization: `Bearer ${token}`, "x-purpose": parsed.principal.purposes[0] })}\n`,
  );
}

main().catch((error: Error) => {
  process.stderr.write(`token: ${error.message}\n`);
  process.exitCode = 1;
});
