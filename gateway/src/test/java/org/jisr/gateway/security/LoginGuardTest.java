package org.jisr.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.Set;
import org.jisr.gateway.audit.AuditLog;
import org.jisr.gateway.config.ConsoleSettings;
import org.jisr.gateway.store.Keys;
import org.jisr.gateway.store.MemoryStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** Lock-out per account and client address, and for everyone only under an attack from many addresses. */
class LoginGuardTest {

    static final String OFFICE = "10.1.1.20";
    final MemoryStore store = new MemoryStore(new Keys("t:"), Clock.systemUTC());
    final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    final StaffAccounts accounts = new StaffAccounts(store, encoder);
    final AuditLog audit = new AuditLog(store, Clock.systemUTC());
    final LoginGuard guard = new LoginGuard(accounts, encoder, store, audit,
            ConsoleSettings.from(n -> n.equals("JISR_LOGIN_MAX_FAILURES") ? "3" : null));

    LoginGuardTest() {
        accounts.upsert("amal", "right-password", Set.of(StaffAccount.Role.LIAISON), true);
    }

    @AfterEach
    void close() {
        store.close();
    }

    void signIn(String password, String from) {
        UsernamePasswordAuthenticationToken t = UsernamePasswordAuthenticationToken.unauthenticated("amal", password);
        t.setDetails(new WebAuthenticationDetails(from, null));
        guard.authenticate(t);
    }

    @Test
    void failuresFromOneAddressLockOnlyThatAddressOut() {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> signIn("wrong", "203.0.113.7")).isInstanceOf(BadCredentialsException.class);
        }
        assertThatThrownBy(() -> signIn("right-password", "203.0.113.7")).as("the failing address: locked, even with the right password")
                .isInstanceOf(LockedException.class);
        signIn("right-password", OFFICE); // the owner, from the office: not locked out by a stranger
        assertThat(audit.newest(20).toString()).contains("after 3 failures from 203.0.113.7");
    }

    @Test
    void failuresFromManyAddressesLockTheAccountForEveryone() {
        for (int i = 0; i < 30; i++) { // 10 × the limit, never 3 from one address
            String from = "198.51.100." + i;
            assertThatThrownBy(() -> signIn("wrong", from)).isInstanceOf(BadCredentialsException.class);
        }
        assertThatThrownBy(() -> signIn("right-password", OFFICE)).isInstanceOf(LockedException.class);
        assertThat(audit.newest(5).toString()).contains("locked for everyone");
    }

    @Test
    void aSuccessResetsTheAddresssCount() {
        assertThatThrownBy(() -> signIn("wrong", OFFICE)).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> signIn("wrong", OFFICE)).isInstanceOf(BadCredentialsException.class);
        signIn("right-password", OFFICE);
        assertThatThrownBy(() -> signIn("wrong", OFFICE)).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> signIn("wrong", OFFICE)).isInstanceOf(BadCredentialsException.class);
        signIn("right-password", OFFICE); // 2 + 2 failures with a success between: never 3 in a row
    }
}
