// A full-page screenshot of a running recstream's dashboard, after it has shown the system for a
// while: node screenshot.mjs <base URL> <out.png> [seconds=20]. Used by bench/dashboard-screenshot.sh.
import { chromium } from "playwright-core";

const [base, out, seconds = "20"] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(base, { waitUntil: "load" });
  await page.waitForTimeout(Number(seconds) * 1000);
  await page.screenshot({ path: out, fullPage: true });
  console.log(out);
} finally {
  await browser.close();
}
