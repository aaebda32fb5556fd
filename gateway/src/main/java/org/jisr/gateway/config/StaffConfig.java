package org.jisr.gateway.config;

import java.time.Clock;
import org.jisr.gateway.audit.AuditLog;
import org.jisr.gateway.conversation.History;
import org.jisr.gateway.conversation.People;
import org.jisr.gateway.escalation.CaseDesk;
import org.jisr.gateway.escalation.EscalationService;
import org.jisr.gateway.escalation.Journalists;
import org.jisr.gateway.kb.KbEditor;
import org.jisr.gateway.kb.KbService;
import org.jisr.gateway.outbound.Outbox;
import org.jisr.gateway.security.StaffAccount;
import org.jisr.gateway.security.StaffAccounts;
import org.jisr.gateway.stats.Counters;
import org.jisr.gateway.store.Store;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Wires what staff work with: case settings, journalists, the case desk, the audit log and the dashboard counters. */
@Configuration(proxyBeanMethods = false)
public class StaffConfig {

    /** Used when the launcher did not register validated settings (tests): read from Spring's environment. */
    @Bean
    @ConditionalOnMissingBean
    ConsoleSettings consoleSettings(Environment env) {
        return ConsoleSettings.from(env::getProperty);
    }

    @Bean
    Journalists journalists(Store store) {
        return new Journalists(store);
    }

    @Bean
    Counters counters(Store store, Clock clock) {
        return new Counters(store, clock);
    }

    @Bean
    AuditLog auditLog(Store store, Clock clock) {
        return new AuditLog(store, clock);
    }

    @Bean
    KbEditor kbEditor(KbService kb, Store store, AuditLog audit, Clock clock) {
        return new KbEditor(kb, store, audit, clock);
    }

    @Bean
    CaseDesk caseDesk(EscalationService cases, Outbox outbox, History history, People people, AuditLog audit,
            StaffAccounts accounts, ConsoleSettings s, Clock clock) {
        return new CaseDesk(cases, outbox, history, people, audit,
                u -> accounts.find(u).filter(StaffAccount::enabled).isPresent(), s.zone(), clock);
    }
}
