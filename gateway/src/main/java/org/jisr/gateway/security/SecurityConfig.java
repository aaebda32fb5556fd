package org.jisr.gateway.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.jisr.gateway.Json;
import org.jisr.gateway.config.Settings;
import org.jisr.gateway.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * HTTP Basic on {@code /api/**} with roles LIAISON &lt; EDITOR &lt; ADMIN; webhooks (authenticated by provider
 * signatures), the web chat and the health check are open. Errors are JSON.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);

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
    SecurityFilterChain filterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/webhooks/**", "/webchat/**", "/", "/index.html", "/assets/**", "/favicon.ico",
                                "/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**",
                                "/swagger-ui.html", "/swagger-ui/**", "/error").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/kb/import").hasRole("EDITOR")
                        .requestMatchers(HttpMethod.PUT, "/api/v1/kb/articles/**").hasRole("EDITOR")
                        .requestMatchers(HttpMethod.DELETE, "/api/v1/kb/articles/**").hasRole("EDITOR")
                        .requestMatchers("/api/v1/dead-letters/**", "/api/v1/dead-letters", "/actuator/**").hasRole("ADMIN")
                        .requestMatchers("/api/**").hasRole("LIAISON")
                        .anyRequest().authenticated())
                .httpBasic(b -> b.authenticationEntryPoint((req, res, e) -> json(res, 401, "authentication required")))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> json(res, 401, "authentication required"))
                        .accessDeniedHandler((req, res, ex) -> json(res, 403, "forbidden: your role does not allow this")))
                // webhooks are signed by providers, the API uses Basic credentials, the web chat cookie is SameSite=Strict
                .csrf(c -> c.ignoringRequestMatchers("/webhooks/**", "/webchat/**", "/api/**"))
                .formLogin(f -> f.disable())
                .headers(Customizer.withDefaults());
        return http.build();
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
