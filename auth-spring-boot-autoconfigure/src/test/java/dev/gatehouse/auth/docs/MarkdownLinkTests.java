package dev.gatehouse.auth.docs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every relative link in the user documentation points to an existing file and, for a
 * {@code #anchor} into a Markdown file, to an existing heading (GitHub's slugs).
 */
class MarkdownLinkTests {

	private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

	private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");

	private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

	private final Map<Path, Set<String>> anchors = new HashMap<>();

	@Test
	void everyRelativeLinkResolves() {
		Path root = RepositoryDocs.root();
		List<String> broken = new ArrayList<>();
		for (Path file : RepositoryDocs.markdownFiles(root)) {
			for (String target : links(RepositoryDocs.read(file))) {
				String problem = check(file, target);
				if (problem != null) {
					broken.add(root.relativize(file) + ": (" + target + ") " + problem);
				}
			}
		}
		assertThat(broken).as("broken relative links").isEmpty();
	}

	@Test
	void slugsFollowGitHub() {
		assertThat(slug("HTTP error mapping")).isEqualTo("http-error-mapping");
		assertThat(slug("Any other carrier: `SnapshotPropagator`")).isEqualTo("any-other-carrier-snapshotpropagator");
		assertThat(slug("Permissions, policies and relations")).isEqualTo("permissions-policies-and-relations");
		assertThat(slug("The sample's tests")).isEqualTo("the-samples-tests");
	}

	@Test
	void aBrokenLinkIsFound() {
		assertThat(links("See [the guide](docs/guides/nowhere.md#x) and `[not](a-link.md)`."))
			.containsExactly("docs/guides/nowhere.md#x");
		Path readme = RepositoryDocs.root().resolve("README.md");
		assertThat(check(readme, "docs/guides/nowhere.md")).isNotNull();
		assertThat(check(readme, "#no-such-heading")).isNotNull();
		assertThat(check(readme, "https://example.com/x")).isNull();
	}

	private static List<String> links(String text) {
		List<String> targets = new ArrayList<>();
		for (String line : RepositoryDocs.proseLines(text)) {
			Matcher matcher = LINK.matcher(INLINE_CODE.matcher(line).replaceAll(""));
			while (matcher.find()) {
				targets.add(matcher.group(1));
			}
		}
		return targets;
	}

	private String check(Path file, String target) {
		if (SCHEME.matcher(target).find()) {
			return null;
		}
		int hash = target.indexOf('#');
		String pathPart = (hash < 0) ? target : target.substring(0, hash);
		String anchor = (hash < 0) ? null : target.substring(hash + 1);
		Path resolved = pathPart.isEmpty() ? file : file.getParent().resolve(pathPart).normalize();
		if (!Files.exists(resolved)) {
			return "no such file";
		}
		if (anchor != null && resolved.toString().endsWith(".md")
				&& !this.anchors.computeIfAbsent(resolved, MarkdownLinkTests::headings).contains(anchor)) {
			return "no such heading";
		}
		return null;
	}

	private static Set<String> headings(Path file) {
		Set<String> slugs = new HashSet<>();
		Map<String, Integer> seen = new HashMap<>();
		for (String line : RepositoryDocs.proseLines(RepositoryDocs.read(file))) {
			if (line.matches("^#{1,6} .*")) {
				String slug = slug(line.replaceFirst("^#+ ", ""));
				int count = seen.merge(slug, 1, Integer::sum);
				slugs.add((count == 1) ? slug : slug + "-" + (count - 1));
			}
		}
		return slugs;
	}

	/**
	 * GitHub's heading anchor: lower case, punctuation removed, spaces to hyphens.
	 */
	static String slug(String heading) {
		String text = heading.strip().toLowerCase(Locale.ROOT);
		StringBuilder slug = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == ' ') {
				slug.append('-');
			}
			else if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
				slug.append(c);
			}
		}
		return slug.toString();
	}

}
