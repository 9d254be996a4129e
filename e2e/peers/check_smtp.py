"""SMTP checks of the end-to-end Postfix listeners, run by e2e/peers/check.

Reads the E2E_* variables of the env file from the environment, talks only to the 127.0.0.x
listeners it names, and prints one "ok ..." or "FAILED ..." line per check.
"""

import os
import pathlib
import smtplib
import ssl
import time
import uuid

ENV = os.environ
PORT = int(ENV["E2E_SMTP_PORT"])
MAILDIR_ROOT = pathlib.Path(ENV["E2E_MAILDIR_ROOT"])
DELIVERY_TIMEOUT_SECONDS = 10
SENDER = "sender@client.e2e.test"


def report(ok, description):
    print(("ok " if ok else "FAILED ") + description, flush=True)


def connect(address):
    client = smtplib.SMTP(address, PORT, local_hostname="localhost", timeout=10)
    client.ehlo()
    return client


def make_message(recipient, token):
    body = "Token " + token + "\r\n"
    return (
        "From: " + SENDER + "\r\n"
        "To: " + recipient + "\r\n"
        "Subject: end-to-end peer check " + token + "\r\n"
        "Message-ID: <" + token + "@client.e2e.test>\r\n"
        "\r\n" + body
    ).encode("utf-8")


def wait_for_arrival(recipient, token):
    """Return the bytes of the Maildir file that contains token, or None after the timeout."""
    domain = recipient.rsplit("@", 1)[1].lower()
    new_dir = MAILDIR_ROOT / domain / "new"
    deadline = time.monotonic() + DELIVERY_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if new_dir.is_dir():
            for path in new_dir.iterdir():
                content = path.read_bytes()
                if token.encode() in content:
                    return content
        time.sleep(0.1)
    return None


def prepended_headers(content, message):
    """Return the header lines that Postfix put in front of the message as sent."""
    sent_first_line = message.split(b"\r\n", 1)[0]
    return content[: content.index(sent_first_line)].decode("utf-8", "replace")


def check_delivery(address, recipient, expected_host, tls=False, mail_options=()):
    token = uuid.uuid4().hex
    message = make_message(recipient, token)
    with connect(address) as client:
        if tls:
            # Encrypt without authenticating the server, as opportunistic TLS does.
            context = ssl.create_default_context()
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
            client.starttls(context=context)
            client.ehlo()
        refused = client.sendmail(SENDER, [recipient], message, mail_options=list(mail_options))
    content = wait_for_arrival(recipient, token)
    description = f"{recipient} via {address}"
    if refused or content is None:
        report(False, f"{description}: refused {refused} or no Maildir file within {DELIVERY_TIMEOUT_SECONDS} s")
        return None

    headers = prepended_headers(content, message)
    report(f"Delivered-To: {recipient}\n" in headers, f"{description}: Delivered-To names the recipient")
    report(f"by {expected_host} (Postfix)" in headers, f"{description}: Received header names {expected_host}")
    report(b"\r\n" not in content, f"{description}: Maildir file has LF line endings")
    body = message.replace(b"\r\n", b"\n")
    report(content.endswith(body), f"{description}: message arrives unchanged after the prepended headers")
    return headers


def check_rcpt(address, recipient, expected_code, expected_text):
    with connect(address) as client:
        client.mail(SENDER)
        code, text = client.rcpt(recipient)
    text = text.decode("utf-8", "replace")
    report(
        code == expected_code and expected_text in text,
        f"RCPT {recipient} at {address}: {code} {text} (expected {expected_code} {expected_text})",
    )


def check_features():
    mx1, mx_tls = ENV["E2E_MX1_ADDRESS"], ENV["E2E_MX_TLS_ADDRESS"]
    with connect(mx1) as client:
        features = client.esmtp_features
    expected_extensions = ["pipelining", "size", "8bitmime", "dsn", "smtputf8", "chunking", "enhancedstatuscodes"]
    for extension in expected_extensions:
        report(extension in features, f"EHLO at {mx1} offers {extension.upper()}")
    report("starttls" not in features, f"EHLO at {mx1} does not offer STARTTLS")

    client = connect(mx_tls)
    report("starttls" in client.esmtp_features, f"EHLO at {mx_tls} offers STARTTLS")
    code, _ = client.docmd("STARTTLS")
    context = ssl.create_default_context(cafile=ENV["E2E_TLS_CERTIFICATE"])
    # Raises ssl.SSLCertVerificationError unless the certificate verifies for this host name.
    with context.wrap_socket(client.sock, server_hostname="mx-tls.e2e.test") as tls_socket:
        version = tls_socket.version()
    report(code == 220, f"STARTTLS at {mx_tls} verifies against E2E_TLS_CERTIFICATE as mx-tls.e2e.test ({version})")

    small = ENV["E2E_MX_SMALL_ADDRESS"]
    with connect(small) as client:
        size = client.esmtp_features.get("size")
    report(size == ENV["E2E_SIZE_LIMIT_BYTES"], f"EHLO at {small} offers SIZE {size}")

    ascii_only = ENV["E2E_MX_ASCII_ADDRESS"]
    with connect(ascii_only) as client:
        report("smtputf8" not in client.esmtp_features, f"EHLO at {ascii_only} does not offer SMTPUTF8")

    data_only = ENV["E2E_MX_DATA_ADDRESS"]
    with connect(data_only) as client:
        report("chunking" not in client.esmtp_features, f"EHLO at {data_only} does not offer CHUNKING")

    with smtplib.SMTP(mx1, PORT, local_hostname="localhost", timeout=10) as client:
        code, _ = client.helo()
    report(code == 250, f"HELO localhost at {mx1}: {code}")


def check_size_limit():
    small = ENV["E2E_MX_SMALL_ADDRESS"]
    limit = int(ENV["E2E_SIZE_LIMIT_BYTES"])
    with connect(small) as client:
        code, text = client.mail(SENDER, [f"SIZE={limit + 1}"])
    report(code == 552 and b"5.3.4" in text, f"MAIL SIZE={limit + 1} at {small}: {code} {text.decode()}")


def check_smtputf8_rejected():
    ascii_only = ENV["E2E_MX_ASCII_ADDRESS"]
    with connect(ascii_only) as client:
        code, text = client.docmd("MAIL FROM:<" + SENDER + "> SMTPUTF8")
    report(code == 555, f"MAIL SMTPUTF8 at {ascii_only}: {code} {text.decode()}")


def check_unreachable():
    dead = ENV["E2E_DEAD_ADDRESS"]
    try:
        smtplib.SMTP(dead, PORT, timeout=5).close()
        report(False, f"{dead}:{PORT} accepted a connection")
    except ConnectionRefusedError:
        report(True, f"{dead}:{PORT} refuses connections")


def main():
    mx1, mx2, mx_tls = ENV["E2E_MX1_ADDRESS"], ENV["E2E_MX2_ADDRESS"], ENV["E2E_MX_TLS_ADDRESS"]
    check_features()

    headers = check_delivery(mx1, "alice@" + ENV["E2E_DOMAIN_DELIVER"], "mx1.e2e.test")
    if headers is not None:
        print("Postfix prepended:\n  " + headers.rstrip("\n").replace("\n", "\n  "))
    check_delivery(mx1, "Mixed.Case@" + ENV["E2E_DOMAIN_IMPLICIT_MX"], "mx1.e2e.test")
    check_delivery(mx1, "carol@" + ENV["E2E_DOMAIN_MX_CNAME"], "mx1.e2e.test")
    check_delivery(mx1, "jösé@" + ENV["E2E_DOMAIN_DELIVER"], "mx1.e2e.test", mail_options=["SMTPUTF8"])
    check_delivery(mx2, "dave@" + ENV["E2E_DOMAIN_BACKUP_MX"], "mx2.e2e.test")
    check_delivery(mx2, "erin@" + ENV["E2E_DOMAIN_TWO_ADDRESSES"], "mx2.e2e.test")
    headers = check_delivery(mx_tls, "frank@" + ENV["E2E_DOMAIN_TLS"], "mx-tls.e2e.test", tls=True)
    if headers is not None:
        report("using TLS" in headers, "Received header of the STARTTLS delivery records TLS")
    check_delivery(ENV["E2E_MX_SMALL_ADDRESS"], "grace@" + ENV["E2E_DOMAIN_SIZE_LIMIT"], "mx-small.e2e.test")
    check_delivery(ENV["E2E_MX_ASCII_ADDRESS"], "heidi@" + ENV["E2E_DOMAIN_NO_SMTPUTF8"], "mx-ascii.e2e.test")
    check_delivery(ENV["E2E_MX_DATA_ADDRESS"], "ivan@" + ENV["E2E_DOMAIN_DATA"], "mx-data.e2e.test")

    domain = ENV["E2E_DOMAIN_DELIVER"]
    check_rcpt(mx1, ENV["E2E_REJECTED_LOCAL_PART"] + "@" + domain, 550, "5.1.1")
    check_rcpt(mx1, ENV["E2E_DEFERRED_LOCAL_PART"] + "@" + domain, 450, "4.2.0")
    check_rcpt(mx1, "someone@example.com", 554, "Relay access denied")
    check_rcpt(mx1, "someone@" + ENV["E2E_DOMAIN_NULL_MX"], 554, "Relay access denied")
    check_size_limit()
    check_smtputf8_rejected()
    check_unreachable()


if __name__ == "__main__":
    main()
