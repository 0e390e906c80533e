// The dashboard page: sign in with a pasted token and a purpose, load the provinces' figures, draw
// them, and follow BHXH's batches live. The credential lives in this module's memory only: never
// in storage, the URL or the DOM once read.
import { ENROLMENT_CHANGED_SUBSCRIPTION, ENROLMENT_QUERY, PROVINCES_QUERY } from "./documents.js";
import { HubError, describeFieldErrors, provinceClaimOf, query, readCredential } from "./hub-client.js";
import { LiveConnection, isMissedEventsNotice } from "./live-connection.js";
import { METRICS, defaultMetric, formatCount, provinceRows, withEnrolment, withEnrolmentChange } from "./figures.js";
import { drawChart, updateChart } from "./chart-view.js";
import { renderTable, updateTableRow } from "./table-view.js";
import { Problems } from "./problems-view.js";

const $ = (id) => document.getElementById(id);

/** Everything a signed-in session holds; replaced whole on sign-in, dropped on sign-out. */
let session = null;

for (const [name, { label }] of Object.entries(METRICS)) $("metric").append(new Option(label, name));

$("sign-in").addEventListener("submit", (event) => {
  event.preventDefault();
  const pasted = readCredential($("token").value);
  // The field is emptied at once: the token stays in memory only, not in the page.
  $("token").value = "";
  if (!pasted.token) {
    $("sign-in-error").textContent = "Hãy dán token trước · Paste a token first.";
    $("token").focus();
    return;
  }
  const purpose = $("purpose").value || pasted.purpose || "";
  // One sign-in at a time: two would draw on the same canvas.
  const button = $("sign-in").querySelector("button");
  button.disabled = true;
  signIn({ token: pasted.token, purpose })
    .catch((error) => showSignInError(error))
    .finally(() => (button.disabled = false));
});

$("sign-out").addEventListener("click", () => signOut());

$("metric").addEventListener("change", () => {
  if (!session) return;
  session.metric = $("metric").value;
  updateChart(session.chart, session.rows, session.metric);
});

async function signIn(credential) {
  signOut();
  $("sign-in-error").textContent = "";
  setStatus("Đang tải số liệu… · Loading figures…");
  const provinces = await query(PROVINCES_QUERY, credential);
  if (!provinces.data?.provinces) throw new HubError("failed", "Hệ thống không trả về danh sách tỉnh · The hub returned no provinces.");

  const problems = new Problems($("problems"));
  problems.add(provinces.errors);
  session = {
    credential,
    rows: provinceRows(provinces.data.provinces),
    problems,
    live: null,
    unsubscribes: [],
    metric: "coverage",
    chart: null,
    catchingUp: null,
  };
  $("sign-in").hidden = true;
  $("session").hidden = false;
  const scope = provinceClaimOf(credential.token);
  $("session-text").textContent =
    `Đã đăng nhập · Signed in${credential.purpose ? `, mục đích · purpose: ${credential.purpose}` : ""}.` +
    // Row scope makes other provinces' figures look absent: say why before anyone reads the dashes as zeros.
    (scope
      ? ` Token giới hạn ở tỉnh ${scope}: các tỉnh khác không có số liệu · This token is limited to province ${scope}; other provinces show no figures.`
      : "");
  $("figures").hidden = false;

  const current = session;
  const enrolmentReadable = await loadEnrolment(current);
  // Signed out while the figures loaded.
  if (current !== session) return;
  current.metric = defaultMetric(current.rows);
  $("metric").value = current.metric;
  renderTable($("figures-table"), current.rows);
  current.chart = drawChart($("chart"), current.rows, current.metric);
  setStatus(`Đã tải ${current.rows.length} tỉnh · ${current.rows.length} provinces loaded.`);
  // The form that had focus is hidden now: a keyboard or screen-reader user continues at the figures.
  $("figures-title").focus();
  if (enrolmentReadable) followLive(current);
  else
    $("live-status").textContent = "Không theo dõi trực tiếp: không có số liệu tham gia · No live updates: enrolment figures were not loaded or are refused.";
}

/**
 * Loads enrolment into the session's rows. False when the hub refused the whole query, or the
 * mandates refuse the field: following changes to figures one may not read would only be refused too.
 */
async function loadEnrolment(current) {
  try {
    const enrolment = await query(ENROLMENT_QUERY, current.credential);
    if (current !== session) return false;
    current.rows = withEnrolment(current.rows, enrolment.data.provinces ?? []);
    current.problems.add(enrolment.errors);
    return !describeFieldErrors(enrolment.errors).refused.has("Province.enrolment");
  } catch (error) {
    if (error instanceof HubError && (error.kind === "unauthenticated" || error.kind === "purpose")) throw error;
    current.problems.note(`Không tải được số liệu tham gia BHXH · Enrolment figures could not be loaded: ${error.message}`);
    return false;
  }
}

/**
 * One subscription per province the principal may see: its own province when the token names
 * one, every province otherwise. The hub applies the same mandates to every event.
 */
function followLive(current) {
  const own = provinceClaimOf(current.credential.token);
  const codes = own ? [own] : current.rows.map((row) => row.code);
  const liveStatus = $("live-status");
  liveStatus.textContent = "Trực tiếp: đang kết nối… · Live: connecting…";
  current.live = new LiveConnection(current.credential, (status) => {
    if (current !== session) return;
    if (status === "connected") liveStatus.textContent = `Trực tiếp: đang theo dõi ${codes.length} tỉnh · Live: following ${codes.length} province(s).`;
    else if (status === "reconnected") {
      liveStatus.textContent = `Trực tiếp: đã kết nối lại · Live: reconnected, following ${codes.length} province(s).`;
      // Batches may have landed while the socket was down.
      catchUp(current);
    } else if (status === "retrying") liveStatus.textContent = "Trực tiếp: mất kết nối, đang thử lại… · Live: connection lost, retrying…";
    else liveStatus.textContent = liveStopped(status);
  });
  for (const code of codes) {
    current.unsubscribes.push(
      current.live.subscribe(
        ENROLMENT_CHANGED_SUBSCRIPTION,
        { p: code },
        {
          onData: (result) => current === session && applyEvent(current, result),
          onError: (error) => current === session && current.problems.note(liveProblem(error)),
        },
      ),
    );
  }
}

function applyEvent(current, result) {
  if (isMissedEventsNotice(result)) {
    catchUp(current);
    return;
  }
  current.problems.add(result.errors ?? []);
  const event = result.data?.enrolmentChanged;
  const next = withEnrolmentChange(current.rows, event);
  if (!next) return;
  const before = current.rows.find((row) => row.code === event.province.code);
  current.rows = next;
  const after = next.find((row) => row.code === event.province.code);
  updateChart(current.chart, current.rows, current.metric);
  updateTableRow($("figures-table"), after);
  $("last-update").textContent =
    `Cập nhật · Updated: ${after.name}, ${after.enrolment.period}: ${formatCount(after.enrolment.compulsoryInsured)} người tham gia BHXH bắt buộc · compulsory insured` +
    ` (trước · before: ${formatCount(before?.enrolment?.compulsoryInsured)}).`;
}

/**
 * Reads the enrolment figures again after events were lost (a dropped socket, or the hub's notice
 * that it missed or dropped some). Every followed province may say so at once: one read serves them all.
 */
function catchUp(current) {
  if (current.catchingUp) return;
  current.catchingUp = setTimeout(async () => {
    try {
      if (await loadEnrolment(current)) redraw(current);
    } catch {
      // A refused credential closes the socket too, and the live status says so.
    } finally {
      current.catchingUp = null;
    }
  }, 500);
}

function redraw(current) {
  if (current !== session) return;
  updateChart(current.chart, current.rows, current.metric);
  renderTable($("figures-table"), current.rows);
}

function liveStopped({ final, reason }) {
  const why = reason ? `: ${reason}` : ".";
  if (final === "unauthenticated")
    return `Trực tiếp đã dừng: token không còn được chấp nhận (hết hạn hoặc bị thu hồi) · Live updates stopped: the hub no longer accepts the token (expired or revoked)${why} Sign in again.`;
  if (final === "purpose") return `Trực tiếp đã dừng: mục đích bị từ chối · Live updates stopped: the purpose was refused${why}`;
  return `Trực tiếp đã dừng · Live updates stopped${why}`;
}

function liveProblem(error) {
  if (Array.isArray(error)) return `Cập nhật trực tiếp bị từ chối · Live updates refused: ${[...new Set(error.map((e) => e.message))].join(" ")}`;
  if (error && typeof error.code === "number")
    return liveStopped({ final: error.code === 4401 ? "unauthenticated" : error.code === 4403 ? "purpose" : "closed", reason: error.reason });
  return `Cập nhật trực tiếp lỗi · Live updates failed: ${error?.message ?? String(error)}`;
}

function signOut() {
  if (!session) return;
  for (const unsubscribe of session.unsubscribes) unsubscribe();
  session.live?.dispose();
  clearTimeout(session.catchingUp);
  session.chart?.destroy();
  session = null;
  $("figures").hidden = true;
  $("session").hidden = true;
  $("sign-in").hidden = false;
  $("figures-table").replaceChildren($("figures-table").caption);
  $("problems").replaceChildren();
  $("live-status").textContent = "";
  $("last-update").textContent = "";
  setStatus("");
}

function showSignInError(error) {
  signOut();
  setStatus("");
  $("sign-in-error").textContent = error instanceof HubError ? error.message : `Lỗi · Error: ${error?.message ?? String(error)}`;
  $("token").focus();
}

function setStatus(text) {
  $("status").textContent = text;
}
