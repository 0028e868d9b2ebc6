package dev.gatehouse.auth.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The floor plan of SPEC §13 as rules over the compiled main classes: arrows between
 * packages point one way, the model depends on nothing else of Gatehouse, the ports only
 * on the model, and only the auto-configuration wires features together.
 */
@AnalyzeClasses(packages = "dev.gatehouse.auth", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	private static final String[] MODEL = { "dev.gatehouse.auth.annotation..", "dev.gatehouse.auth.context..",
			"dev.gatehouse.auth.decision.." };

	private static final DescribedPredicate<JavaClass> GATEHOUSE = resideInAPackage("dev.gatehouse.auth..");

	@ArchTest
	static final ArchRule featurePackagesFormNoCycle = slices().matching("dev.gatehouse.auth.(*)..")
		.namingSlices("package $1")
		.should()
		.beFreeOfCycles();

	@ArchTest
	static final ArchRule autoConfigurationPackagesFormNoCycle = slices()
		.matching("dev.gatehouse.auth.autoconfigure.(*)..")
		.namingSlices("autoconfigure.$1")
		.should()
		.beFreeOfCycles();

	@ArchTest
	static final ArchRule modelDependsOnNothingElseOfGatehouse = noClasses().that()
		.resideInAnyPackage(MODEL)
		.should()
		.dependOnClassesThat(GATEHOUSE.and(DescribedPredicate.not(resideInAnyPackage(MODEL))))
		.as("the model (annotation, context, decision) depends on no other Gatehouse package");

	@ArchTest
	static final ArchRule portsDependOnTheModelOnly = noClasses().that()
		.resideInAPackage("dev.gatehouse.auth.spi..")
		.should()
		.dependOnClassesThat(GATEHOUSE
			.and(DescribedPredicate.not(resideInAnyPackage(MODEL).or(resideInAPackage("dev.gatehouse.auth.spi..")))))
		.as("spi depends on the model only");

	@ArchTest
	static final ArchRule onlyAutoConfigurationWiresFeatures = noClasses().that()
		.resideOutsideOfPackage("dev.gatehouse.auth.autoconfigure..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("dev.gatehouse.auth.autoconfigure..")
		.as("nothing outside autoconfigure depends on autoconfigure");

}
