package org.jisr.gateway.webhook;

import org.jisr.gateway.config.Settings;
import org.jisr.gateway.inbound.Intake;
import org.jisr.gateway.ops.GatewayMetrics;
import org.jisr.gateway.outbound.ChannelRegistry;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The webhook handler, and its filter registered ahead of every other filter (security included). */
@Configuration(proxyBeanMethods = false)
class WebhookConfig {

    @Bean
    WebhookHandler webhookHandler(ChannelRegistry channels, Intake intake, Settings settings, GatewayMetrics metrics) {
        return new WebhookHandler(channels, intake, settings, metrics);
    }

    @Bean
    FilterRegistrationBean<WebhookFilter> webhookFilter(WebhookHandler handler) {
        FilterRegistrationBean<WebhookFilter> r = new FilterRegistrationBean<>(new WebhookFilter(handler));
        r.addUrlPatterns(WebhookFilter.PREFIX + "*");
        r.setOrder(Ordered.HIGHEST_PRECEDENCE);
        r.setName("jisrWebhooks");
        return r;
    }
}
