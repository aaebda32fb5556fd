/**
 * Small helpers shared by the channel packages (masking, splitting, webhook checks). Not part of the gateway's
 * view of channels: the gateway uses only {@code org.jisr.bots} types.
 */
package org.jisr.bots.support;
