package dev.gatehouse.auth.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the repository's user documentation from the module directory the tests run in.
 */
final class RepositoryDocs {

	private RepositoryDocs() {
	}

	/**
	 * The repository root: the nearest directory at or above the working directory that
	 * holds both a {@code pom.xml} and a {@code docs} directory.
	 * @return the repository root
	 */
	static Path root() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null) {
			if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("docs"))) {
				return dir;
			}
			dir = dir.getParent();
		}
		throw new IllegalStateException("No directory with pom.xml and docs/ above " + Path.of("").toAbsolutePath());
	}

	/**
	 * Every Markdown file of the user documentation: the front page, the contributor
	 * guide, the changelog, the sample's README and everything under {@code docs/}.
	 * @param root the repository root
	 * @return the files, each existing
	 */
	static List<Path> markdownFiles(Path root) {
		List<Path> files = new ArrayList<>();
		for (String name : List.of("README.md", "CONTRIBUTING.md", "CHANGELOG.md", "sample-app/README.md")) {
			Path file = root.resolve(name);
			if (!Files.isRegularFile(file)) {
				throw new IllegalStateException("Missing " + file);
			}
			files.add(file);
		}
		try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
			docs.filter((path) -> path.toString().endsWith(".md")).sorted().forEach(files::add);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return files;
	}

	/**
	 * The file's text with Windows line ends normalised.
	 * @param file the file
	 * @return its text
	 */
	static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The file's lines outside fenced code blocks (code is not prose: its brackets are no
	 * links and its {@code #} lines are no headings).
	 * @param text the Markdown text
	 * @return the prose lines
	 */
	static List<String> proseLines(String text) {
		List<String> lines = new ArrayList<>();
		boolean fenced = false;
		for (String line : text.split("\n", -1)) {
			if (line.stripLeading().startsWith("```")) {
				fenced = !fenced;
				continue;
			}
			if (!fenced) {
				lines.add(line);
			}
		}
		return lines;
	}

}
