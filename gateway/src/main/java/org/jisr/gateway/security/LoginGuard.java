package org.jisr.gateway.security;

import java.time.Duration;
import org.jisr.gateway.audit.AuditLog;
import org.jisr.gateway.config.ConsoleSettings;
import org.jisr.gateway.store.Store;
import org.springframework.security.authentication.AccountStatusException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Checks staff passwords for the console form and the API's Basic credentials alike. Failures are counted in the
 * store (so across nodes) per account <em>and client address</em>: after {@link ConsoleSettings#loginMaxFailures()}
 * in a row from one address, that address is locked out of the account for {@link ConsoleSettings#loginLock()} —
 * so a stranger failing on purpose cannot lock staff out of their own account from the office. Only when failures
 * from all addresses together reach {@value #ALL_ADDRESSES_FACTOR} times the limit (an attack from many addresses)
 * is the account locked for everyone. Every failure and lock-out is audited.
 */
public final class LoginGuard implements AuthenticationProvider {

    /** Failures from all addresses together that lock the account for everyone, as a multiple of the limit. */
    static final int ALL_ADDRESSES_FACTOR = 10;

    private final DaoAuthenticationProvider passwords;
    private final Store store;
    private final AuditLog audit;
    private final ConsoleSettings settings;

    public LoginGuard(StaffAccounts accounts, PasswordEncoder encoder, Store store, AuditLog audit, ConsoleSettings settings) {
        this.passwords = new DaoAuthenticationProvider(accounts);
        this.passwords.setPasswordEncoder(encoder);
        this.store = store;
        this.audit = audit;
        this.settings = settings;
    }

    /** A username fit for a key and the audit log (what a stranger typed is not trusted). */
    static String name(Authentication a) {
        String n = a.getName() == null ? "" : a.getName().strip();
        return StaffAccounts.USERNAME.matcher(n).matches() ? n : "(invalid username)";
    }

    /** The client address (behind a proxy: as the proxy reports it, see docs/console.md), fit for a key. */
    static String address(Authentication a) {
        String r = a.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : null;
        return r != null && r.matches("[0-9A-Fa-f.:%\\w-]{1,64}") ? r : "unknown";
    }

    @Override
    public Authentication authenticate(Authentication auth) throws AuthenticationException {
        String user = name(auth);
        String from = address(auth);
        if (store.get(store.keys().loginLock(user, from)).isPresent() || store.get(store.keys().loginLock(user)).isPresent()) {
            audit.record(user, AuditLog.Action.LOGIN_FAILED, user, "account locked; from " + from);
            throw new LockedException("account locked after repeated failed logins: try again later");
        }
        try {
            Authentication ok = passwords.authenticate(auth);
            store.delete(store.keys().loginFailures(user, from));
            return ok;
        } catch (BadCredentialsException | AccountStatusException e) {
            Duration window = settings.loginLock();
            long n = store.hashIncrement(store.keys().loginFailures(user, from), "n", 1, window);
            long all = store.hashIncrement(store.keys().loginFailures(user), "n", 1, window);
            audit.record(user, AuditLog.Action.LOGIN_FAILED, user, "failure " + n + "; from " + from);
            if (n >= settings.loginMaxFailures()) {
                store.put(store.keys().loginLock(user, from), "1", window);
                store.delete(store.keys().loginFailures(user, from));
                audit.record(user, AuditLog.Action.LOCKED_OUT, user,
                        "locked for " + window.toMinutes() + " minutes after " + n + " failures from " + from);
            }
            if (all >= (long) settings.loginMaxFailures() * ALL_ADDRESSES_FACTOR) {
                store.put(store.keys().loginLock(user), "1", window);
                store.delete(store.keys().loginFailures(user));
                audit.record(user, AuditLog.Action.LOCKED_OUT, user,
                        "locked for everyone for " + window.toMinutes() + " minutes after " + all + " failures from several addresses");
            }
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> type) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
    }
}
