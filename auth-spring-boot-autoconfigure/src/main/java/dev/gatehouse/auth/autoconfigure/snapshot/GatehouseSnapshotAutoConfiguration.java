package dev.gatehouse.auth.autoconfigure.snapshot;

import java.time.Clock;

import dev.gatehouse.auth.autoconfigure.core.ConditionalOnGatehouseEnabled;
import dev.gatehouse.auth.autoconfigure.core.GatehouseAutoConfiguration;
import dev.gatehouse.auth.spi.SnapshotSigner;
import dev.gatehouse.auth.spi.SnapshotVerifier;
import dev.gatehouse.auth.startup.ConfigurationProblems;
import dev.gatehouse.auth.startup.InvalidGatehouseConfigurationException;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * Signed AuthContext snapshots: a {@link SnapshotSigner} when
 * {@code gatehouse.snapshot.signing.key-id} is set, a {@link SnapshotVerifier} when
 * {@code gatehouse.snapshot.verification.keys.*} are configured (both back off for
 * application beans), and the {@link Clock} both read unless the application defines one.
 * With a verifier and {@code propagation.accept-inbound} (the default), inbound snapshots
 * authenticate requests through the built-in composite authenticator; with
 * {@code propagation.enabled}, Boot's {@code RestClient} and {@code RestTemplate}
 * builders add the snapshot of the bound context to outgoing requests. Keys are only ever
 * read from configuration, never generated. Unusable configuration fails startup: each
 * problem is an {@link InvalidGatehouseConfigurationException} naming the property (never
 * its value), reported through {@link ConfigurationProblems} in startup validation's one
 * failure report beside every other problem.
 */
@AutoConfiguration(after = GatehouseAutoConfiguration.class,
		beforeName = { "dev.gatehouse.auth.autoconfigure.authentication.GatehouseAuthenticationAutoConfiguration",
				"dev.gatehouse.auth.autoconfigure.web.GatehouseWebAutoConfiguration" })
@ConditionalOnGatehouseEnabled
@EnableConfigurationProperties(GatehouseSnapshotProperties.class)
@Import(SnapshotConfiguration.class)
// Named, not referenced: the web configuration reads the snapshot properties, and a class
// reference back would make the two packages depend on each other.
public final class GatehouseSnapshotAutoConfiguration {

}
