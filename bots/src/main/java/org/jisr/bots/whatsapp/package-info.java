/**
 * WhatsApp Cloud API (Meta Graph API) over Apache HttpClient 5 ({@code support.ProviderHttp}) — this module has no
 * Spring, so no RestClient:
 * verification handshake, {@code X-Hub-Signature-256} over the raw body, reply buttons / list messages, templates
 * outside the 24-hour window.
 */
package org.jisr.bots.whatsapp;
