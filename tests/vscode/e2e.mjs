// Drives VS Code (code-server) with the smm extension through chromium: see ./run, which sets
// the environment, the time limit and the clean-up. Each check prints `ok - …`; the first
// that fails takes a screenshot into SMM_E2E_ARTIFACTS and ends the run with exit status 1.
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as net from "node:net";
import * as path from "node:path";

const env = (name) => {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run tests/vscode/run`);
  }
  return value;
};
const tmp = env("SMM_E2E_TMP");
const artifacts = env("SMM_E2E_ARTIFACTS");
const cache = env("SMM_E2E_CACHE");
const vsix = env("SMM_E2E_VSIX");
const examples = env("SMM_E2E_EXAMPLES");
const chromiumPath = env("SMM_E2E_CHROMIUM");
const { chromium } = createRequire(path.join(cache, "package.json"))("playwright-core");

const node24 = process.execPath;
const codeServer = path.join(cache, "node_modules", "code-server", "out", "node", "entry.js");
const workspace = path.join(tmp, "workspace");
const userData = path.join(tmp, "user-data");
const extensions = path.join(tmp, "extensions");
const home = path.join(tmp, "home");
const log = path.join(artifacts, "code-server.log");
const isolated = {
  ...process.env,
  HOME: home,
  XDG_CONFIG_HOME: path.join(home, ".config"),
  XDG_DATA_HOME: path.join(home, ".local", "share"),
  XDG_CACHE_HOME: path.join(home, ".cache"),
  TMPDIR: tmp,
};

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`code-server exited with ${child.exitCode}: see ${log}`);
    }
    try {
      const response = await fetch(url, { redirect: "manual" });
      if (response.status < 500) {
        return;
      }
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  throw new Error(`code-server did not answer on ${url}: see ${log}`);
}

function prepare() {
  for (const dir of [workspace, path.join(userData, "User"), extensions, home]) {
    fs.mkdirSync(dir, { recursive: true });
  }
  fs.cpSync(examples, workspace, { recursive: true });
  fs.writeFileSync(
    path.join(userData, "User", "settings.json"),
    JSON.stringify(
      {
        "workbench.startupEditor": "none",
        "workbench.tips.enabled": false,
        "workbench.welcomePage.walkthroughs.openOnInstall": false,
        "workbench.colorTheme": "Default Dark Modern",
        "telemetry.telemetryLevel": "off",
        "security.workspace.trust.enabled": false,
        "extensions.autoCheckUpdates": false,
        "extensions.autoUpdate": false,
        "extensions.ignoreRecommendations": true,
        "update.mode": "none",
        "git.enabled": false,
        "chat.disableAIFeatures": true,
        "editor.semanticHighlighting.enabled": true,
        "editor.hover.delay": 200,
        "editor.minimap.enabled": false,
        "window.restoreWindows": "none",
        "files.hotExit": "off",
        // VS Code in a browser saves after a delay by default: the completion step types into
        // line-4.smm and reverts it, nothing may reach the disk.
        "files.autoSave": "off",
      },
      null,
      2,
    ),
  );
  // Installed as a user would: `code-server --install-extension FILE.vsix`, offline.
  const install = spawnSync(
    node24,
    [codeServer, "--install-extension", vsix, "--extensions-dir", extensions, "--user-data-dir", userData],
    { env: isolated, encoding: "utf8", timeout: 60_000 },
  );
  fs.writeFileSync(path.join(artifacts, "install-extension.log"), `${install.stdout}${install.stderr}`);
  if (install.status !== 0 || !/successfully installed/.test(install.stdout + install.stderr)) {
    throw new Error(`code-server --install-extension ${vsix} failed (${install.status}): see ${artifacts}/install-extension.log`);
  }
  const installed = fs.readdirSync(extensions).find((name) => name.startsWith("smm.smm-"));
  const server = installed && path.join(extensions, installed, "server", "smm");
  if (!server || !(fs.statSync(server).mode & 0o100)) {
    throw new Error(`the installed extension has no executable server/smm (${installed ?? "not installed"})`);
  }
  console.log(`ok - the .vsix is installed with code-server --install-extension: ${installed} (at ${elapsed()})`);
}

async function startCodeServer() {
  const port = await freePort();
  const out = fs.openSync(log, "a");
  // Its own process group, so that it is ended with everything it starts.
  const child = spawn(
    node24,
    [
      codeServer,
      "--auth", "none",
      "--bind-addr", `127.0.0.1:${port}`,
      "--config", path.join(tmp, "code-server.yaml"),
      "--user-data-dir", userData,
      "--extensions-dir", extensions,
      "--disable-telemetry",
      "--disable-update-check",
      "--disable-workspace-trust",
      "--disable-getting-started-override",
      "--ignore-last-opened",
      workspace,
    ],
    { env: isolated, stdio: ["ignore", out, out], detached: true },
  );
  await waitForHttp(`http://127.0.0.1:${port}/healthz`, child, 30_000);
  return { child, port };
}

function stopGroup(child) {
  if (child && child.exitCode === null) {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // Gone already.
    }
  }
}

/** VS Code's logs (the extension host's, the server's output) next to the screenshots. */
function saveLogs() {
  try {
    fs.cpSync(path.join(userData, "logs"), path.join(artifacts, "logs"), { recursive: true });
  } catch {
    // No logs yet.
  }
}

/** The server's output channel, shown and saved as text and a screenshot. */
async function saveServerOutput(page) {
  await page.keyboard.press("Escape");
  await runCommand(page, "SMM: Show Language Server Output");
  await sleep(1500);
  await page.screenshot({ path: path.join(artifacts, "server-output.png") });
  const text = await page.locator(".panel .monaco-editor .view-lines").first().textContent({ timeout: 2000 });
  fs.writeFileSync(path.join(artifacts, "server-output.txt"), text ?? "");
}

/** SMM_E2E_SHOTS=DIR keeps a screenshot of every step (and of hovers and suggestions before
 *  they are closed), to see what the checks look at. */
async function shot(page, name) {
  if (process.env.SMM_E2E_SHOTS) {
    await page.screenshot({ path: path.join(process.env.SMM_E2E_SHOTS, `${name.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}.png`) });
  }
}

/** Runs `check`; on failure takes a screenshot and rethrows with its path. */
async function step(page, name, check) {
  const begin = Date.now();
  try {
    await check();
    console.log(`ok - ${name} (${((Date.now() - begin) / 1000).toFixed(1)}s)`);
    await shot(page, name);
  } catch (error) {
    const shot = path.join(artifacts, `${name.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}.png`);
    await page.screenshot({ path: shot }).catch(() => {});
    console.log(`not ok - ${name}: ${error.message.split("\n")[0]}`);
    console.log(`# screenshot: ${shot}`);
    await saveServerOutput(page).catch(() => {});
    saveLogs();
    throw error;
  }
}

/** Waits until `probe` returns a truthy value (polling), or throws `message`. */
async function until(probe, message, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await probe();
    if (last) {
      return last;
    }
    await sleep(250);
  }
  throw new Error(typeof message === "function" ? await message(last) : message);
}

async function runCommand(page, title) {
  await page.keyboard.press("F1");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ state: "visible" });
  await input.fill(`>${title}`);
  // Click the command's own row (Enter would run whichever row has the focus).
  const label = page.locator(".quick-input-widget .monaco-list-row .label-name", { hasText: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`) });
  await label.first().waitFor({ state: "visible" });
  await label.first().click();
  await input.waitFor({ state: "hidden" });
}

async function goToLine(page, line, column) {
  await page.keyboard.press("Control+G");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ state: "visible" });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press("Enter");
  await input.waitFor({ state: "hidden" });
}

/** The colour of the rendered token starting with `text` on the line containing `lineHint`. */
async function tokenColor(page, lineHint, text) {
  return page.evaluate(
    ([hint, word]) => {
      for (const row of document.querySelectorAll(".monaco-editor .view-lines .view-line")) {
        if (!row.textContent.replace(/\u00a0/g, " ").includes(hint)) {
          continue;
        }
        for (const span of row.querySelectorAll("span > span")) {
          if (span.textContent.trim().startsWith(word)) {
            return getComputedStyle(span).color;
          }
        }
      }
      return undefined;
    },
    [lineHint, text],
  );
}

let codeServerProcess;

async function main() {
  prepare();
  const { child, port } = await startCodeServer();
  codeServerProcess = child;
  console.log(`ok - code-server listens on 127.0.0.1:${port} (at ${elapsed()})`);
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
    env: isolated,
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(20_000);
    // The browser console holds what the workbench and the remote extension host report.
    const consoleLog = fs.createWriteStream(path.join(artifacts, "browser-console.log"));
    page.on("console", (message) => consoleLog.write(`[${message.type()}] ${message.text()}\n`));
    page.on("pageerror", (error) => consoleLog.write(`[pageerror] ${error.stack ?? error}\n`));
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);

    await step(page, "the workbench opens the workspace", async () => {
      await page.locator(".monaco-workbench").waitFor({ state: "visible", timeout: 60_000 });
      await page.locator(".explorer-folders-view .monaco-list-row", { hasText: "assessments" }).first().waitFor({ state: "visible", timeout: 60_000 });
    });

    await step(page, "assessments/line-4.smm opens from the explorer", async () => {
      await page.locator(".explorer-folders-view .monaco-list-row", { hasText: "assessments" }).first().click();
      await page.locator(".explorer-folders-view .monaco-list-row", { hasText: "line-4.smm" }).first().click();
      await page.locator(".tabs-container .tab.active", { hasText: "line-4.smm" }).waitFor({ state: "visible" });
      await page.locator(".monaco-editor .view-lines", { hasText: "assessment line-4" }).waitFor({ state: "visible" });
    });

    await step(page, "the status bar shows the language mode SMM", async () => {
      await until(
        async () => (await page.locator("#status\\.editor\\.mode").textContent().catch(() => ""))?.trim() === "SMM",
        async () => `the language mode is ${await page.locator("#status\\.editor\\.mode").textContent().catch(() => "missing")}`,
      );
    });

    await step(page, "TextMate scopes colour a keyword and a clause reference", async () => {
      await until(async () => {
        const keyword = await tokenColor(page, "practice identities level 3", "practice");
        const plain = await page.evaluate(() => getComputedStyle(document.querySelector(".monaco-editor .view-lines")).color);
        const clause = await tokenColor(page, "Named operator accounts", "iec62443-3-3");
        return keyword && clause && keyword !== plain && clause !== plain && clause !== keyword;
      }, "the keyword `practice` and the clause reference are not coloured apart from plain text");
      // The scopes themselves, from Developer: Inspect Editor Tokens and Scopes.
      await runCommand(page, "Developer: Inspect Editor Tokens and Scopes");
      const widget = page.locator(".token-inspect-widget");
      await goToLine(page, 21, 4);
      await until(async () => /keyword\.other\.practice\.smm/.test((await widget.textContent().catch(() => "")) ?? ""),
        async () => `no keyword.other.practice.smm at 21:4: ${await widget.textContent().catch(() => "no widget")}`);
      // iec62443-3-3:SR1.1 on line 22: the standard, then the clause, in one clause reference.
      await goToLine(page, 22, 77);
      await until(async () => /entity\.name\.type\.clause\.smm\s*meta\.clause-reference\.smm/.test((await widget.textContent().catch(() => "")) ?? ""),
        async () => `no entity.name.type.clause.smm at 22:77: ${await widget.textContent().catch(() => "no widget")}`);
      // The server's own token type for dates, mapped to a scope by the extension.
      await goToLine(page, 9, 8);
      await until(async () => /semantic token type\s*date\s*foreground\s*constant\.numeric\.date\.smm/.test((await widget.textContent().catch(() => "")) ?? ""),
        async () => `no semantic token type date at 9:8: ${await widget.textContent().catch(() => "no widget")}`, 30_000);
      await shot(page, "inspect-widget");
      await page.keyboard.press("Escape");
    });

    await step(page, "the Problems panel lists the unmet target", async () => {
      await runCommand(page, "View: Focus Problems (Errors, Warnings, Infos)");
      // The Problems view's own filter box (the Output view has one too, in the same place):
      // only once the Problems view is in sight is the box in sight its.
      await page.locator(".markers-panel").waitFor({ state: "visible" });
      const filter = page.locator(".panel .viewpane-filter input").filter({ visible: true });
      await filter.waitFor({ state: "visible" });
      // Only line-4 is measured against factory-baseline: the filter keeps its unmet targets
      // (fewer rows than the list renders; the waived one on access-control is not a problem).
      const only = "set by `factory-baseline`";
      await filter.fill(only);
      const rows = page.locator(".markers-panel .monaco-list-row");
      const unmet = rows.filter({ hasText: "check::unmet-target" }).filter({ hasText: "`threat-modeling` is below its target" });
      // The box can lose a value typed while the view is still settling: type it again until
      // it holds.
      await until(async () => {
        if ((await filter.inputValue().catch(() => "")) !== only) await filter.fill(only);
        return (await unmet.count()) > 0;
      }, async () => `no unmet target on threat-modeling in the Problems panel (filter "${await filter.inputValue().catch(() => "?")}"): ${await page.locator(".markers-panel").textContent().catch(() => "no panel")}`, 30_000);
      await rows.filter({ hasText: "line-4.smm" }).first().waitFor({ state: "visible" });
      await shot(page, "problems");
      await filter.fill("");
      await runCommand(page, "View: Toggle Panel Visibility");
    });

    await step(page, "a hover on a practice id names a 62443 clause", async () => {
      await page.locator(".monaco-editor .view-lines").first().click({ position: { x: 5, y: 5 } });
      await goToLine(page, 24, 14);
      await runCommand(page, "Show or Focus Hover");
      // The server's hover on the practice (its title, then the clauses mapped to it), not only
      // the diagnostic's, whose notes name clauses too.
      const hover = page.locator(".monaco-hover:visible", { hasText: "Access Control" }).filter({ hasText: /iec62443-[0-9]/ });
      await until(async () => (await hover.count()) > 0, async () => `no hover on access-control naming an iec62443 clause: ${await page.locator(".monaco-hover").allTextContents().catch(() => [])}`);
      await shot(page, "hover");
      await page.keyboard.press("Escape");
    });

    await step(page, "completion after `practice ` offers practice ids", async () => {
      await goToLine(page, 52, 4);
      await page.keyboard.press("End");
      await page.keyboard.press("Enter");
      await page.keyboard.type("practice ", { delay: 30 });
      const suggestion = page.locator(".suggest-widget .monaco-list-row", { hasText: "access-control" });
      try {
        await suggestion.first().waitFor({ state: "visible", timeout: 5_000 });
      } catch {
        await page.keyboard.press("Control+Space"); // Only if typing the space did not trigger it.
        await suggestion.first().waitFor({ state: "visible" });
      }
      await shot(page, "suggestions");
      await page.keyboard.press("Escape");
      await runCommand(page, "File: Revert File");
      await until(async () => (await page.locator(".tabs-container .tab.active.dirty").count()) === 0, "line-4.smm stays modified after File: Revert File");
    });

    await step(page, "goto definition (F12) on the profile name opens factory-baseline.smm", async () => {
      await goToLine(page, 7, 14);
      await page.keyboard.press("F12");
      await page.locator(".tabs-container .tab.active", { hasText: "factory-baseline.smm" }).waitFor({ state: "visible" });
      await page.locator(".monaco-editor .view-lines", { hasText: "profile factory-baseline" }).first().waitFor({ state: "visible" });
    });

    await step(page, "SMM: Show Workspace Summary prints smm check --summary", async () => {
      await runCommand(page, "SMM: Show Workspace Summary");
      // \s: the editor renders spaces as U+00A0. The view renders only the lines in sight, and
      // the long summary lines wrap, so any assessment's line will do.
      const output = page.locator(".panel .monaco-editor .view-lines", { hasText: /assessment\s+[\w-]+:\s+\d+\s+of\s+\d+\s+targets\s+met/ });
      await until(async () => (await output.count()) > 0, async () => `no summary in the output: ${(await page.locator(".panel .monaco-editor .view-lines").first().textContent().catch(() => "no output")) ?? ""}`);
      await shot(page, "summary");
    });

    await step(page, "the workspace on disk is unchanged", async () => {
      for (const file of ["assessments/line-4.smm", "profiles/factory-baseline.smm"]) {
        const now = fs.readFileSync(path.join(workspace, file), "utf8");
        if (now !== fs.readFileSync(path.join(examples, file), "utf8")) {
          fs.writeFileSync(path.join(artifacts, path.basename(file)), now);
          throw new Error(`${file} was changed on disk (the changed copy is in ${artifacts})`);
        }
      }
    });

    await step(page, "SMM: Show Language Server Output names the bundled server", async () => {
      // On a loaded machine the panel has been seen to stay on the previous channel: the
      // command is run again every 5 s until the server's output is in sight.
      const output = page.locator(".panel .monaco-editor .view-lines", { hasText: "Using the bundled smm server" });
      let shown = 0;
      await until(
        async () => {
          if (Date.now() - shown > 5000) {
            await page.keyboard.press("Escape");
            await runCommand(page, "SMM: Show Language Server Output");
            shown = Date.now();
          }
          // The Output view has a filter box of its own, and the Problems step's text has been
          // seen to land there (both views live in the panel): a filter hides the lines.
          const filter = page.locator(".panel .viewpane-filter input").filter({ visible: true });
          for (const box of await filter.all()) {
            if ((await box.inputValue().catch(() => "")) !== "") await box.fill("");
          }
          return (await output.count()) > 0;
        },
        async () => `not in the output: ${await page.locator(".panel .monaco-editor .view-lines").first().textContent({ timeout: 2000 }).catch(() => "no output panel")}`,
      );
    });
  } finally {
    if (process.env.SMM_E2E_PAUSE) {
      console.log(`# paused: ${process.env.SMM_E2E_PAUSE}s, http://127.0.0.1:${port}/`);
      await sleep(Number(process.env.SMM_E2E_PAUSE) * 1000);
    }
    await browser.close().catch(() => {});
    stopGroup(child);
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`vscode e2e: ${error.stack ?? error}`);
    stopGroup(codeServerProcess);
    process.exit(1);
  },
);
