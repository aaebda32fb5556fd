/**
 * Channel adapters behind one {@link org.jisr.bots.ChannelAdapter} interface. One sub-package per channel;
 * nothing here depends on Spring MVC or on the gateway.
 */
package org.jisr.bots;
