package org.jisr.gateway.config;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import org.jisr.gateway.escalation.Case.Priority;

/**
 * Settings of cases, the staff console and staff logins (optional {@code JISR_*} variables, documented in
 * docs/console.md). Read and validated up front like {@link Settings}: a wrong value stops the start with one
 * line naming the variable.
 *
 * @param sla               time to a staff answer per priority
 * @param journalistSla     time to a staff answer for a verified journalist (the sooner of this and the priority's)
 * @param reopenWindow      an answered case reopens when the person writes again within this time (zero: never)
 * @param claimCap          cases one staff member may hold at once
 * @param loginMaxFailures  failed logins in a row (within {@code loginLock}) that lock an account
 * @param loginLock         how long a locked account stays locked
 * @param attributionAr     the source named in the attribution line of staff answers to journalists, in Arabic
 * @param attributionEn     the same in English
 * @param zone              the centre's time zone: console times and the dates of attribution lines
 * @param closedRetention   how long a closed case (citizen text, address) is kept after its last change
 */
public record ConsoleSettings(Map<Priority, Duration> sla, Duration journalistSla, Duration reopenWindow, int claimCap,
        int loginMaxFailures, Duration loginLock, String attributionAr, String attributionEn, ZoneId zone,
        Duration closedRetention) {

    public ConsoleSettings {
        sla = Map.copyOf(sla);
    }

    public static ConsoleSettings defaults() {
        return from(n -> null);
    }

    public static ConsoleSettings from(Function<String, String> env) {
        Map<Priority, Duration> sla = new EnumMap<>(Priority.class);
        sla.put(Priority.URGENT, minutes(env, "JISR_SLA_URGENT_MINUTES", 30));
        sla.put(Priority.HIGH, minutes(env, "JISR_SLA_HIGH_MINUTES", 60));
        sla.put(Priority.NORMAL, minutes(env, "JISR_SLA_NORMAL_MINUTES", 240));
        sla.put(Priority.LOW, minutes(env, "JISR_SLA_LOW_MINUTES", 1440));
        String ar = Settings.value(env, "JISR_ATTRIBUTION_AR");
        String en = Settings.value(env, "JISR_ATTRIBUTION_EN");
        if (ar != null && ar.length() > 120) {
            throw new SettingException("JISR_ATTRIBUTION_AR", "longer than 120 characters");
        }
        if (en != null && en.length() > 120) {
            throw new SettingException("JISR_ATTRIBUTION_EN", "longer than 120 characters");
        }
        ZoneId zone = ZoneOffset.UTC;
        String z = Settings.value(env, "JISR_TIME_ZONE");
        if (z != null) {
            try {
                zone = ZoneId.of(z);
            } catch (java.time.DateTimeException e) {
                throw new SettingException("JISR_TIME_ZONE", "'" + z + "' is not a time zone (e.g. Asia/Dubai, UTC, +04:00)");
            }
        }
        return new ConsoleSettings(sla,
                minutes(env, "JISR_SLA_JOURNALIST_MINUTES", 20),
                Duration.ofMinutes(Settings.integer(env, "JISR_CASE_REOPEN_MINUTES", 240, 0, 60 * 24 * 30)),
                Settings.integer(env, "JISR_CLAIM_CAP", 10, 1, 1000),
                Settings.integer(env, "JISR_LOGIN_MAX_FAILURES", 5, 1, 100),
                Duration.ofMinutes(Settings.integer(env, "JISR_LOGIN_LOCK_MINUTES", 15, 1, 60 * 24)),
                ar == null ? "مركز التواصل الحكومي" : ar,
                en == null ? "Government Communication Center" : en, zone,
                Duration.ofDays(Settings.integer(env, "JISR_CLOSED_CASE_DAYS", 365, 1, 3650)));
    }

    private static Duration minutes(Function<String, String> env, String name, int dflt) {
        return Duration.ofMinutes(Settings.integer(env, name, dflt, 1, 60 * 24 * 30));
    }

    /** The answer time of a case: its priority's, or the journalist SLA when sooner. */
    public Duration slaFor(Priority p, boolean journalist) {
        Duration d = sla.get(p);
        return journalist && journalistSla.compareTo(d) < 0 ? journalistSla : d;
    }

    public ConsoleSettings withClaimCap(int cap) {
        return new ConsoleSettings(sla, journalistSla, reopenWindow, cap, loginMaxFailures, loginLock, attributionAr, attributionEn, zone, closedRetention);
    }

    public ConsoleSettings withReopenWindow(Duration d) {
        return new ConsoleSettings(sla, journalistSla, d, claimCap, loginMaxFailures, loginLock, attributionAr, attributionEn, zone, closedRetention);
    }
}
