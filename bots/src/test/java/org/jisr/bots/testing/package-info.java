/**
 * Test support shared by every channel test, here and in the gateway (published as the bots test-jar):
 * {@link org.jisr.bots.testing.FakeProvider} (a local HTTP server that speaks a provider's wire format from a
 * script and records every request), {@link org.jisr.bots.testing.WebhookServer} (adapters mounted at
 * {@code /webhooks/{channel}} behind a public base URL, as the gateway mounts them), {@link
 * org.jisr.bots.testing.Fixtures} and {@link org.jisr.bots.testing.Signatures} (Twilio and Meta signing).
 * Only the JDK and the bots module's own dependencies are used, so the test-jar needs nothing more.
 */
package org.jisr.bots.testing;
