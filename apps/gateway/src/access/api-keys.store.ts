import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectConfig, type AppConfig } from '@ollama-guard/config';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseApiKeys, type ApiKeyEntry } from './api-keys.file.js';

/**
 * The API keys in force. Read at start (a missing or broken file stops the gateway, which must
 * not come up open by mistake), then re-read when the file changes: a mounted Kubernetes Secret
 * is replaced in place when it is updated, so keys rotate without a restart. A reload that fails
 * keeps the keys already loaded and says why.
 */
@Injectable()
export class ApiKeyStore implements OnApplicationShutdown {
  private readonly logger = new Logger('ApiKeys');
  private byHash = new Map<string, ApiKeyEntry>();
  private timer: NodeJS.Timeout | undefined;
  private signature = '';
  private readonly file: string;
  private readonly policies: ReadonlySet<string>;

  constructor(@InjectConfig() config: AppConfig) {
    this.file = config.access.api_keys_file;
    this.policies = policyNames(config);
    if (!this.file) return;
    this.load(config);
    this.logger.log(`${this.byHash.size} API key(s) loaded from ${this.file}`);
    if (config.access.api_keys_reload_ms > 0) {
      this.timer = setInterval(() => this.reloadIfChanged(), config.access.api_keys_reload_ms);
      this.timer.unref();
    }
  }

  get enabled(): boolean {
    return this.file !== '';
  }

  get size(): number {
    return this.byHash.size;
  }

  /** The entry of a presented key, or undefined. Looked up by hash: nothing compares secrets char by char. */
  find(key: string): ApiKeyEntry | undefined {
    return this.byHash.get(createHash('sha256').update(key, 'utf8').digest('hex'));
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /**
   * Reads and checks the configured file, throwing an error that names the key. `createGateway`
   * calls it before Nest starts, so a bad file is a start-up error like a bad config value.
   */
  static read(config: AppConfig): { text: string; entries: ApiKeyEntry[] } {
    const file = config.access.api_keys_file;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new Error(`access.api_keys_file (API_KEYS_FILE): cannot read ${file}: ${(error as Error).message}`);
    }
    return { text, entries: parseApiKeys(file, text, policyNames(config)) };
  }

  private load(config: AppConfig): void {
    const { text, entries } = ApiKeyStore.read(config);
    this.byHash = new Map(entries.map((entry) => [entry.sha256, entry]));
    this.signature = text;
  }

  private reloadIfChanged(): void {
    try {
      const text = readFileSync(this.file, 'utf8');
      if (text === this.signature) return;
      const entries = parseApiKeys(this.file, text, this.policies);
      this.byHash = new Map(entries.map((entry) => [entry.sha256, entry]));
      this.signature = text;
      this.logger.log(`${entries.length} API key(s) reloaded from ${this.file}`);
    } catch (error) {
      this.logger.error(`keeping the ${this.byHash.size} API key(s) already loaded: ${(error as Error).message}`);
      // Report a broken file once, not on every poll.
      try {
        this.signature = readFileSync(this.file, 'utf8');
      } catch {
        // unreadable: reported again next time, which is right while it stays gone
      }
    }
  }
}

const policyNames = (config: AppConfig): ReadonlySet<string> => new Set(['default', ...Object.keys(config.policies)]);
