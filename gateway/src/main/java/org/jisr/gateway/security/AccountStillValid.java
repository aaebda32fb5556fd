package org.jisr.gateway.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a console session whose account was disabled, deleted or given other roles since sign-in: the session
 * holds the roles of its sign-in, and an admin who disables an account expects it to stop working at once, on
 * every node (the account is read from the shared store on each request).
 */
final class AccountStillValid extends OncePerRequestFilter {

    private final StaffAccounts accounts;

    AccountStillValid(StaffAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken) && !stillValid(auth)) {
            SecurityContextHolder.clearContext();
            HttpSession session = req.getSession(false);
            if (session != null) {
                session.invalidate();
            }
        }
        chain.doFilter(req, res);
    }

    private boolean stillValid(Authentication auth) {
        Set<String> held = auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).collect(Collectors.toSet());
        return accounts.find(auth.getName())
                .filter(StaffAccount::enabled)
                .map(a -> a.roles().stream().map(r -> "ROLE_" + r.name()).collect(Collectors.toSet()).equals(held))
                .orElse(false);
    }
}
