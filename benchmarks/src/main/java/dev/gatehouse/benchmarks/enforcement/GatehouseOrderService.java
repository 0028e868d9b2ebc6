package dev.gatehouse.benchmarks.enforcement;

import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.annotation.RequireScope;

/**
 * The service method of the baseline, protected with Gatehouse annotations.
 */
public class GatehouseOrderService {

	/**
	 * Requires role ADMIN, which the benchmark caller holds.
	 * @param id an order id
	 * @return the same id
	 */
	@RequireRole("ADMIN")
	public String find(String id) {
		return id;
	}

	/**
	 * Requires role ADMIN and scope orders:read, both of which the benchmark caller
	 * holds.
	 * @param id an order id
	 * @return the same id
	 */
	@RequireRole("ADMIN")
	@RequireScope("orders:read")
	public String findScoped(String id) {
		return id;
	}

	/**
	 * Requires role AUDITOR, which the benchmark caller lacks: every call is refused.
	 * @param id an order id
	 * @return never returns normally for the benchmark caller
	 */
	@RequireRole("AUDITOR")
	public String audit(String id) {
		return id;
	}

}
