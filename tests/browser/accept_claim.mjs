// Open claimdesk serve's page in Debian's chromium, press `a` (accept) in the terminal until the
// reviewer's journal records an accept, and save a screenshot. Used by tests/test_team_serve.py:
//   node accept_claim.mjs URL JOURNAL SCREENSHOT SECONDS
import { existsSync, readFileSync } from "node:fs";
import { chromium } from "playwright-core";

const [url, journal, screenshot, seconds] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"],
});
let accepted = false;
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(url, { waitUntil: "domcontentloaded" });
  await page.waitForSelector("#terminal .xterm-helper-textarea", { state: "attached", timeout: 30000 });
  await page.click("#terminal");
  const deadline = Date.now() + Number(seconds) * 1000;
  while (Date.now() < deadline) {
    await page.keyboard.press("a");
    await page.waitForTimeout(1000);
    if (existsSync(journal) && /"action":\s*"accept"/.test(readFileSync(journal, "utf8"))) {
      accepted = true;
      break;
    }
  }
  await page.waitForTimeout(500);
  await page.screenshot({ path: screenshot });
} finally {
  await browser.close();
}
console.log(accepted ? "accepted" : "no accept recorded");
process.exit(accepted ? 0 : 1);
