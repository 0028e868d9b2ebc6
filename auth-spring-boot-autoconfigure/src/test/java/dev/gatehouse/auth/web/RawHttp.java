package dev.gatehouse.auth.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/**
 * Sends hand-written HTTP/1.1 requests over a plain socket, for header shapes that
 * {@code HttpClient} refuses to produce (raw non-ASCII bytes, exact repetitions, control
 * characters).
 */
final class RawHttp {

	private RawHttp() {
	}

	/**
	 * Sends a GET request with the given raw header lines (without line terminators) and
	 * reads the response until the server closes the connection.
	 * @return the response as ISO-8859-1 text, status line first; empty if the server
	 * closed without answering
	 */
	static Response get(int port, String path, byte[]... headerLines) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			ByteArrayOutputStream request = new ByteArrayOutputStream();
			request.writeBytes(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			for (byte[] line : headerLines) {
				request.writeBytes(line);
				request.writeBytes(new byte[] { '\r', '\n' });
			}
			request.writeBytes(new byte[] { '\r', '\n' });
			try {
				out.write(request.toByteArray());
				out.flush();
			}
			catch (SocketException ex) {
				// The server may refuse an oversized request before reading all of it;
				// its answer is still readable.
			}
			return new Response(readAll(socket.getInputStream()));
		}
	}

	static byte[] line(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

	private static String readAll(InputStream in) throws IOException {
		ByteArrayOutputStream response = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			int read;
			while ((read = in.read(buffer)) != -1) {
				response.write(buffer, 0, read);
			}
		}
		catch (SocketException ex) {
			// Connection reset after the server answered an oversized request: keep what
			// arrived.
		}
		return response.toString(StandardCharsets.ISO_8859_1);
	}

	record Response(String text) {

		int status() {
			if (!this.text.startsWith("HTTP/1.1 ")) {
				return -1;
			}
			return Integer.parseInt(this.text.substring(9, 12));
		}

	}

}
