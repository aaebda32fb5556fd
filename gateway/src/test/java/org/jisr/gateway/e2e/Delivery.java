package org.jisr.gateway.e2e;

import java.util.List;

/**
 * One message as the fake provider received it, read back from the provider's own wire format.
 *
 * @param text     the text shown to the person (Telegram text, WhatsApp body, SMS body), empty for a template
 * @param layout   how choices were rendered: "text" (none), "buttons", "list", "numbered" (SMS lines), "template"
 * @param choiceIds    ids carried by buttons or list rows (empty for numbered lines: the person types the number)
 * @param choiceTitles the choices as the person sees them (a list row's whole description when the title is cut)
 * @param template the template name or content SID, or null
 */
record Delivery(String text, String layout, List<String> choiceIds, List<String> choiceTitles, String template) {
}
