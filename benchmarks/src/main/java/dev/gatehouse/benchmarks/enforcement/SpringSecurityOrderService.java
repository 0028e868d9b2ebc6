package dev.gatehouse.benchmarks.enforcement;

import org.springframework.security.access.annotation.Secured;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * The service method of the baseline, protected the usual Spring Security way.
 */
public class SpringSecurityOrderService {

	/**
	 * Requires role ADMIN through a SpEL expression, which the benchmark caller holds.
	 * @param id an order id
	 * @return the same id
	 */
	@PreAuthorize("hasRole('ADMIN')")
	public String find(String id) {
		return id;
	}

	/**
	 * Requires authority ROLE_ADMIN through {@code @Secured}, which the benchmark caller
	 * holds.
	 * @param id an order id
	 * @return the same id
	 */
	@Secured("ROLE_ADMIN")
	public String findSecured(String id) {
		return id;
	}

	/**
	 * Requires role AUDITOR through a SpEL expression, which the benchmark caller lacks:
	 * every call is refused.
	 * @param id an order id
	 * @return never returns normally for the benchmark caller
	 */
	@PreAuthorize("hasRole('AUDITOR')")
	public String audit(String id) {
		return id;
	}

}
