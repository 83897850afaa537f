// Live data: one EventSource per view on the server's topics (campaigns, campaign:ID, agents, uploads), each event a
// full snapshot of its topic. The header's indicator says whether the feed is connected.
import { t } from './i18n.js';

/**
 * Opens the feed for topics; handlers[topic](snapshot) is called with each snapshot. It closes when signal aborts
 * (the router aborts a view's signal when another view replaces it).
 */
export function live(topics, handlers, signal) {
  const indicator = document.getElementById('live');
  const stream = new EventSource('api/events?topics=' + encodeURIComponent(topics.join(',')));
  stream.onopen = () => { indicator.className = 'live on'; indicator.textContent = t('live'); };
  stream.onerror = () => { indicator.className = 'live'; indicator.textContent = t('offline'); };
  for (const topic of topics) stream.addEventListener(topic, e => handlers[topic](JSON.parse(e.data)));
  signal.addEventListener('abort', () => stream.close(), { once: true });
  return stream;
}
