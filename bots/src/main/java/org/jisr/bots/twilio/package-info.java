/**
 * Twilio SMS and WhatsApp on one webhook (Twilio SDK): {@code From} starting {@code whatsapp:} is WhatsApp.
 * Signatures checked against PUBLIC_BASE_URL + path; replies through the REST API; SMS fitted to 3 segments.
 */
package org.jisr.bots.twilio;
