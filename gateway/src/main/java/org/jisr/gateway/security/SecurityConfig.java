package org.jisr.gateway.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.jisr.gateway.Json;
import org.jisr.gateway.audit.AuditLog;
import org.jisr.gateway.config.ConsoleSettings;
import org.jisr.gateway.config.Settings;
import org.jisr.gateway.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.session.config.annotation.web.http.EnableSpringHttpSession;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * Two filter chains. The API ({@code /api/**}, {@code /actuator/**}): HTTP Basic, stateless, JSON errors.
 * Everything else: webhooks, web chat and health open; the staff console behind a form login at
 * {@code /console} with CSRF protection and sessions kept in the shared store (cookie HttpOnly, SameSite=Strict).
 * Roles LIAISON &lt; EDITOR &lt; ADMIN. Both chains check passwords through {@link LoginGuard} (lock-out, audit).
 */
@Configuration(proxyBeanMethods = false)
@EnableSpringHttpSession
public class SecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);
    static final String SESSION_COOKIE = "JISR_SESSION";
    static final Duration SESSION_TIMEOUT = Duration.ofHours(8);
    /** The console's content policy: its own scripts and styles only, nothing inline, no framing. */
    static final String CONSOLE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'";

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    StaffAccounts staffAccounts(Store store, PasswordEncoder encoder, Settings settings) {
        StaffAccounts accounts = new StaffAccounts(store, encoder);
        if (settings.adminUsername() != null) {
            accounts.save(settings.adminUsername(), settings.adminPassword(), Set.of(StaffAccount.Role.ADMIN));
            log.info("ADMIN account '{}' created or updated from ADMIN_USERNAME", settings.adminUsername());
        }
        return accounts;
    }

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.fromHierarchy("ROLE_ADMIN > ROLE_EDITOR\nROLE_EDITOR > ROLE_LIAISON");
    }

    @Bean
    LoginGuard loginGuard(StaffAccounts accounts, PasswordEncoder encoder, Store store, AuditLog audit, ConsoleSettings settings) {
        return new LoginGuard(accounts, encoder, store, audit, settings);
    }

    @Bean
    StoreSessions sessionRepository(Store store) {
        return new StoreSessions(store, SESSION_TIMEOUT);
    }

    @Bean
    CookieSerializer cookieSerializer() {
        DefaultCookieSerializer c = new DefaultCookieSerializer();
        c.setCookieName(SESSION_COOKIE);
        c.setCookiePath("/");
        c.setUseHttpOnlyCookie(true);
        c.setSameSite("Strict");
        c.setUseBase64Encoding(false);
        return c; // Secure follows the request (set when served over HTTPS)
    }

    static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, LoginGuard guard) throws Exception {
        AuthenticationEntryPoint unauthorized = (req, res, e) -> json(res, 401,
                e instanceof LockedException ? e.getMessage() : "authentication required");
        http.securityMatcher("/api/**", "/actuator/**")
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/kb/import").hasRole("EDITOR")
                        .requestMatchers(HttpMethod.PUT, "/api/v1/kb/articles/**").hasRole("EDITOR")
                        .requestMatchers(HttpMethod.DELETE, "/api/v1/kb/articles/**").hasRole("EDITOR")
                        .requestMatchers(HttpMethod.POST, "/api/v1/kb/drafts/*/approve", "/api/v1/kb/drafts/*/reject").hasRole("EDITOR")
                        .requestMatchers(HttpMethod.POST, "/api/v1/escalations/*/reassign").hasRole("EDITOR")
                        .requestMatchers("/api/v1/dead-letters", "/api/v1/dead-letters/**", "/api/v1/staff", "/api/v1/staff/**",
                                "/api/v1/journalists", "/api/v1/journalists/**", "/api/v1/audit", "/api/v1/audit/**", "/actuator/**").hasRole("ADMIN")
                        .requestMatchers("/api/**").hasRole("LIAISON")
                        .anyRequest().denyAll())
                .authenticationManager(new ProviderManager(guard))
                .httpBasic(b -> b.authenticationEntryPoint(unauthorized))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler((req, res, ex) -> json(res, 403, "forbidden: your role does not allow this")))
                .csrf(c -> c.disable()); // Basic credentials on every call, no cookies: nothing to forge
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain web(HttpSecurity http, LoginGuard guard, AuditLog audit, StaffAccounts accounts) throws Exception {
        AuthenticationManager manager = new ProviderManager(guard);
        LoginUrlAuthenticationEntryPoint login = new LoginUrlAuthenticationEntryPoint("/console");
        AuthenticationEntryPoint entry = (req, res, e) -> {
            if (req.getRequestURI().startsWith(req.getContextPath() + "/console")) {
                if ("true".equals(req.getHeader("HX-Request"))) { // an htmx call after the session ended
                    res.setHeader("HX-Redirect", req.getContextPath() + "/console");
                    res.setStatus(401);
                } else {
                    login.commence(req, res, e);
                }
            } else {
                json(res, 401, "authentication required");
            }
        };
        SavedRequestAwareAuthenticationSuccessHandler success = new SavedRequestAwareAuthenticationSuccessHandler();
        success.setDefaultTargetUrl("/console/cases");
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/webhooks/**", "/webchat/**", "/", "/index.html", "/assets/**", "/favicon.ico",
                                "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/error",
                                "/webjars/**", "/console", "/console/assets/**", "/console/denied").permitAll()
                        .requestMatchers("/console/kb", "/console/kb/**").hasRole("EDITOR")
                        .requestMatchers("/console/admin", "/console/admin/**").hasRole("ADMIN")
                        .requestMatchers("/console/**").hasRole("LIAISON")
                        .anyRequest().authenticated())
                .authenticationManager(manager)
                .addFilterAfter(new AccountStillValid(accounts), SecurityContextHolderFilter.class)
                .formLogin(f -> f.loginPage("/console").loginProcessingUrl("/console/login")
                        .successHandler((req, res, auth) -> {
                            audit.record(auth.getName(), AuditLog.Action.LOGIN, auth.getName(), "console");
                            success.onAuthenticationSuccess(req, res, auth);
                        })
                        .failureHandler((req, res, e) -> res.sendRedirect(req.getContextPath()
                                + (e instanceof LockedException ? "/console?locked" : "/console?error"))))
                .logout(l -> l.logoutUrl("/console/logout").logoutSuccessUrl("/console?logout")
                        .addLogoutHandler((req, res, auth) -> {
                            if (auth != null) {
                                audit.record(auth.getName(), AuditLog.Action.LOGOUT, auth.getName(), "console");
                            }
                        }))
                .exceptionHandling(e -> e.authenticationEntryPoint(entry)
                        .accessDeniedHandler((req, res, ex) -> denied(req, res)))
                // webhooks are signed by providers; the web chat's cookie is SameSite=Strict and its calls are JSON
                .csrf(c -> c.ignoringRequestMatchers("/webhooks/**", "/webchat/**"))
                .headers(h -> h.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(path("/console/**"),
                        new StaticHeadersWriter("Content-Security-Policy", CONSOLE_CSP)))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(path("/console"),
                                new StaticHeadersWriter("Content-Security-Policy", CONSOLE_CSP))));
        return http.build();
    }

    private static void denied(HttpServletRequest req, HttpServletResponse res) throws IOException {
        if (req.getRequestURI().startsWith(req.getContextPath() + "/console")) {
            try {
                res.setStatus(403);
                req.getRequestDispatcher("/console/denied").forward(req, res);
            } catch (jakarta.servlet.ServletException e) {
                res.sendError(403);
            }
        } else {
            json(res, 403, "forbidden: your role does not allow this");
        }
    }

    static void json(HttpServletResponse res, int status, String message) throws IOException {
        res.setStatus(status);
        res.setContentType("application/json");
        if (status == 401) {
            res.setHeader("WWW-Authenticate", "Basic realm=\"jisr\"");
        }
        res.getWriter().write(Json.write(Map.of("error", message, "status", status)));
    }
}
