package dev.gatehouse.auth.autoconfigure.audit;

import dev.gatehouse.auth.autoconfigure.core.GatehouseAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * {@link AuditAutoConfigurationImportFilter}: Boot's {@code AuditAutoConfiguration} is
 * left out only when Spring Security is missing, and nothing else is ever filtered.
 */
class AuditAutoConfigurationImportFilterTests {

	private static final String[] CANDIDATES = { AuditAutoConfigurationImportFilter.AUDIT_AUTO_CONFIGURATION,
			GatehouseAutoConfiguration.class.getName(), null };

	@Test
	void isRegisteredAsImportFilter() {
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
			.load(AutoConfigurationImportFilter.class))
			.hasAtLeastOneElementOfType(AuditAutoConfigurationImportFilter.class);
	}

	@Test
	void leavesAuditAutoConfigurationOutWithoutSpringSecurity() {
		AuditAutoConfigurationImportFilter filter = new AuditAutoConfigurationImportFilter();
		filter.setBeanClassLoader(new FilteredClassLoader("org.springframework.security"));
		assertThat(filter.match(CANDIDATES, mock())).containsExactly(false, true, true);
	}

	@Test
	void keepsAuditAutoConfigurationWithSpringSecurity() {
		AuditAutoConfigurationImportFilter filter = new AuditAutoConfigurationImportFilter();
		filter.setBeanClassLoader(getClass().getClassLoader());
		assertThat(filter.match(CANDIDATES, mock())).containsExactly(true, true, true);
	}

}
