/**
 * Starts this instance's delivery worker, as `serve` does, from the server's settings.
 */
import type { ServerConfig } from '../config';
import type { Store } from '../store/store';
import { smtpSender } from './email';
import { DeliveryWorker } from './worker';

/** Where people reach Snag, for links in messages. */
export function publicBase(config: ServerConfig, listeningUrl: string): string {
  return config.signIn.publicUrl ?? listeningUrl;
}

/** Starts the worker unless `SNAG_DELIVERIES=off`; answers it, to stop on shutdown. */
export function startDeliveries(
  store: Store,
  config: ServerConfig,
  listeningUrl: string,
  onError: (error: unknown) => void,
): DeliveryWorker | null {
  const settings = config.deliveries;
  if (!settings.enabled) return null;
  const baseUrl = publicBase(config, listeningUrl);
  const worker = new DeliveryWorker({
    store,
    now: () => new Date(),
    baseUrl,
    allowEnv: settings.allow,
    timeoutMs: settings.timeoutMs,
    leaseMs: settings.leaseMs,
    mail: settings.smtpUrl
      ? smtpSender(settings.smtpUrl, settings.mailFrom, baseUrl)
      : null,
    onError,
  });
  worker.start();
  return worker;
}
