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
 * Checks staff passwords for the console form and the API's Basic credentials alike, and locks an account
 * after {@link ConsoleSettings#loginMaxFailures()} failures in a row (counted in the store, so across nodes)
 * for {@link ConsoleSettings#loginLock()}. Every failure and lock-out is audited.
 */
public final class LoginGuard implements AuthenticationProvider {

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

    private static String from(Authentication a) {
        return a.getDetails() instanceof WebAuthenticationDetails d ? "from " + d.getRemoteAddress() : null;
    }

    @Override
    public Authentication authenticate(Authentication auth) throws AuthenticationException {
        String user = name(auth);
        if (store.get(store.keys().loginLock(user)).isPresent()) {
            audit.record(user, AuditLog.Action.LOGIN_FAILED, user, "account locked; " + from(auth));
            throw new LockedException("account locked after repeated failed logins: try again later");
        }
        try {
            Authentication ok = passwords.authenticate(auth);
            store.delete(store.keys().loginFailures(user));
            return ok;
        } catch (BadCredentialsException | AccountStatusException e) {
            Duration window = settings.loginLock();
            long n = store.hashIncrement(store.keys().loginFailures(user), "n", 1, window);
            audit.record(user, AuditLog.Action.LOGIN_FAILED, user, "failure " + n + "; " + from(auth));
            if (n >= settings.loginMaxFailures()) {
                store.put(store.keys().loginLock(user), "1", window);
                store.delete(store.keys().loginFailures(user));
                audit.record(user, AuditLog.Action.LOCKED_OUT, user, "locked for " + window.toMinutes() + " minutes after " + n + " failures");
            }
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> type) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
    }
}
