// Drives the real yaml-language-server (the server behind VS Code's YAML extension, and
// used by Neovim, Helix, Zed and others) over stdio, as an editor does: initialize with
// the workspace folder, answer its `workspace/configuration` requests with the
// repository's `.vscode/settings.json` (the server ignores settings that are only pushed
// with didChangeConfiguration), open documents and ask for diagnostics, completion and
// hover. No network: the settings turn the JSON Schema Store off, and a schema that the
// server tried to download would surface as a diagnostic.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CompletionRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type Hover,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node.js';

const require = createRequire(import.meta.url);
/** The server's entry point, from the npm package (a dev dependency). */
export const SERVER_BIN = require.resolve('yaml-language-server/bin/yaml-language-server');

/** Settings as the editor holds them: the workspace's `.vscode/settings.json`, read as VS Code reads it. */
export function workspaceSettings(root: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(root, '.vscode/settings.json'), 'utf8')) as Record<string, unknown>;
}

/**
 * The `yaml` section VS Code's YAML extension sends for `workspace/configuration`: the
 * flat `yaml.*` settings nested under their section, with the schema paths as given
 * (the server resolves relative ones against the workspace folder).
 */
function section(settings: Record<string, unknown>, name: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(settings)) {
    if (!key.startsWith(`${name}.`)) continue;
    const parts = key.slice(name.length + 1).split('.');
    let node = out;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[parts.at(-1)!] = value;
  }
  return out;
}

export class LanguageServer {
  private readonly child: ChildProcess;
  private readonly connection: ProtocolConnection;
  private readonly waiting = new Map<string, (diagnostics: Diagnostic[]) => void>();
  private readonly published = new Map<string, Diagnostic[]>();
  private version = 0;
  /** What the server wrote on stderr (kept for failure messages). */
  stderr = '';
  /** Every `workspace/configuration` item the server asked for. */
  readonly configurationRequests: { section?: string; scopeUri?: string }[] = [];

  constructor(
    readonly root: string,
    private readonly settings: Record<string, unknown> = workspaceSettings(root),
  ) {
    this.child = spawn(process.execPath, [SERVER_BIN, '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
    this.child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onRequest(ConfigurationRequest.type, (params) =>
      params.items.map((item) => {
        this.configurationRequests.push(item);
        if (item.section === 'yaml') return section(this.settings, 'yaml');
        if (item.section === 'editor') return { tabSize: 2, detectIndentation: false };
        if (item.section === 'files') return section(this.settings, 'files');
        if (item.section === '[yaml]') return this.settings['[yaml]'] ?? {};
        if (item.section === 'http') return { proxy: '', proxyStrictSSL: true };
        return null;
      }),
    );
    this.connection.onRequest(RegistrationRequest.type, () => undefined);
    this.connection.onNotification(PublishDiagnosticsNotification.type, ({ uri, diagnostics }) => {
      this.published.set(uri, diagnostics);
      const resolve = this.waiting.get(uri);
      if (resolve) {
        this.waiting.delete(uri);
        resolve(diagnostics);
      }
    });
    // Log and telemetry notifications are ignored, as an editor without an output panel would.
    this.connection.onNotification(() => undefined);
    this.connection.listen();
  }

  async start(): Promise<void> {
    const rootUri = pathToFileURL(this.root).href;
    await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: path.basename(this.root) }],
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true },
        textDocument: {
          publishDiagnostics: { relatedInformation: true },
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          synchronization: { didSave: true },
        },
      },
      initializationOptions: {},
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  /** Opens a document (it need not exist on disk) and waits for its diagnostics. */
  async open(file: string, text: string): Promise<Diagnostic[]> {
    const uri = pathToFileURL(file).href;
    const diagnostics = new Promise<Diagnostic[]>((resolve) => this.waiting.set(uri, resolve));
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'yaml', version: ++this.version, text },
    });
    return diagnostics;
  }

  async completion(file: string, line: number, character: number): Promise<CompletionItem[]> {
    const result = (await this.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: pathToFileURL(file).href },
      position: { line, character },
    })) as CompletionList | CompletionItem[] | null;
    if (!result) return [];
    return Array.isArray(result) ? result : result.items;
  }

  async hover(file: string, line: number, character: number): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri: pathToFileURL(file).href }, position: { line, character } });
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // The server may already be gone; the kill below is what matters.
    }
    this.connection.dispose();
    if (this.child.exitCode === null) this.child.kill();
  }
}
