package dev.gatehouse.benchmarks.authzen;

import dev.gatehouse.auth.annotation.RequirePolicy;
import dev.gatehouse.auth.annotation.RequireRelation;

/**
 * The boundaries whose metadata the benchmarks enforce: one PDP-backed requirement, and
 * three on one boundary (two relations and a policy). Never called: the benchmarks
 * enforce their metadata directly.
 */
public class Documents {

	/**
	 * One relation on a dynamic reference.
	 * @param id the document id
	 * @return the id
	 */
	@RequireRelation(value = "editor", resource = "document:{id}")
	public String edit(String id) {
		return id;
	}

	/**
	 * Three PDP-backed requirements, decided in one batch.
	 * @param id the document edited
	 * @param source the document copied from
	 * @param tenant the tenant whose report is read
	 * @return the id
	 */
	@RequireRelation(value = "editor", resource = "document:{id}")
	@RequireRelation(value = "viewer", resource = "document:{source}")
	@RequirePolicy(resource = "report:{tenant}", action = "read")
	public String editFromReport(String id, String source, String tenant) {
		return id;
	}

}
