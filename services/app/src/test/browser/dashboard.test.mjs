// Drives the dashboard of a running recstream like a person would, in headless Chromium:
// opens it, posts events, clicks a recommended item in the user inspector, and checks that the
// live feed, a chart and the hit rate update. Saves a screenshot. Run by DashboardBrowserIT:
//   node dashboard.test.mjs <base URL> <screenshot.png>
// Exit 0 when every check passed; otherwise 1, with the reason on stderr (and a screenshot).
import { chromium } from "playwright-core";

const [base, screenshot] = process.argv.slice(2);
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const run = `browser-${Date.now().toString(36)}`;
const p = `${run}-p`, q = `${run}-q`, user = `${run}-user`;

async function post(events) {
  const res = await fetch(new URL("/v1/events", base), {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(events) });
  if (res.status !== 202) throw new Error(`POST /v1/events answered ${res.status}: ${await res.text()}`);
}

// Waits for a page condition, naming it when it does not come.
async function until(page, what, predicate, arg, timeout = 20_000) {
  try {
    await page.waitForFunction(predicate, arg, { timeout, polling: 200 });
  } catch (e) {
    throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
  }
}

const browser = await chromium.launch({ executablePath, args: ["--headless", "--no-sandbox", "--disable-gpu",
  "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
const consoleErrors = [];
page.on("console", m => { if (m.type() === "error") consoleErrors.push(m.text()); });
page.on("pageerror", e => consoleErrors.push(String(e)));
try {
  await page.goto(base, { waitUntil: "load" });
  await until(page, "the live feed to connect", () => /connected/.test(document.querySelector("#feed-status")?.textContent || "")
    && !/disconnected/.test(document.querySelector("#feed-status")?.textContent || ""));
  const points = () => page.$eval("#chart-throughput", el => Number(el.dataset.points || 0));
  const hits = () => page.$eval("#m-hit", el => Number(el.dataset.hits || 0));
  await until(page, "the hit rate card to be filled", () => document.querySelector("#m-hit")?.dataset.hits !== undefined);
  const pointsBefore = await points();
  const hitsBefore = await hits();

  // Five shoppers went from p to q; our user views p, so q is recommended to them.
  const shoppers = [];
  for (let s = 0; s < 5; s++) {
    shoppers.push({ userId: `${run}-s${s}`, itemId: p, type: "view" }, { userId: `${run}-s${s}`, itemId: q, type: "view" });
  }
  await post(shoppers);
  await post([{ userId: user, itemId: p, type: "view" }]);
  await until(page, "the user's push in the live feed", u => !!document.querySelector(`#pushes tr[data-user="${CSS.escape(u)}"]`), user);

  await page.fill("#inspect-user", user);
  await page.press("#inspect-user", "Enter");
  await until(page, "q in the inspector's list", item => !!document.querySelector(`#inspect-list li[data-item="${CSS.escape(item)}"] .click-item`), q);
  await page.click(`#inspect-list li[data-item="${q}"] .click-item`);
  await until(page, "the hit rate to count the click", h => Number(document.querySelector("#m-hit").dataset.hits) > h, hitsBefore);
  await until(page, "a new point on the throughput chart", n => Number(document.querySelector("#chart-throughput").dataset.points) > n,
    pointsBefore);
  await page.screenshot({ path: screenshot, fullPage: true });
  if (consoleErrors.length) throw new Error(`console errors: ${consoleErrors.join(" | ")}`);
  console.log(JSON.stringify({ ok: true, user, hitsBefore, hitsAfter: await hits(), pointsBefore, pointsAfter: await points(), screenshot }));
} catch (e) {
  await page.screenshot({ path: screenshot, fullPage: true }).catch(() => {});
  console.error(`dashboard check failed: ${e.message} (screenshot ${screenshot})`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
