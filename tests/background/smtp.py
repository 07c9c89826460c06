"""A real SMTP server for the outbox tests (aiosmtpd, in the test process, on 127.0.0.1).

It takes `delay` seconds per message BEFORE the DATA is accepted (while answering RCPT), as a slow relay does,
so that a worker killed during the wait has not delivered that message. It records the Message-ID of every
message it accepts, the number of connections (EHLO/HELO) and may refuse some recipients.
"""

import asyncio
import email
import threading

from aiosmtpd.controller import Controller

from tests.processes import free_port


class RecordingHandler:
    def __init__(self, delay=0.5, refuse=()):
        self.delay = delay
        self.refuse = set(refuse)
        self.message_ids = []
        self.connections = 0
        self.waiting = 0  # RCPT waits begun (the message after the last accepted one is on its way)
        self.lock = threading.Lock()

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        with self.lock:
            self.connections += 1
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        with self.lock:
            self.waiting += 1
        await asyncio.sleep(self.delay)
        if address in self.refuse:
            return "550 5.1.1 Adresse inconnue"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content or envelope.content)
        with self.lock:
            self.message_ids.append(message["Message-ID"])
        return "250 Message accepted for delivery"

    def accepted(self):
        with self.lock:
            return list(self.message_ids)


class SlowSMTPServer:
    """`start()` / `stop()` an aiosmtpd Controller on 127.0.0.1:`port` (a free port unless given)."""

    def __init__(self, delay=0.5, refuse=(), port=None):
        self.handler = RecordingHandler(delay=delay, refuse=refuse)
        self.port = port or free_port()
        self.controller = None

    def start(self):
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def settings(self, settings, timeout=5):
        """Point Django's SMTP backend (the outbox's delivery backend) at this server."""
        settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = self.port
        settings.EMAIL_TIMEOUT = timeout
        settings.EMAIL_USE_TLS = False

    def environment(self, timeout=5):
        """The same, for a worker process."""
        return {"EMAIL_DELIVERY": "smtp", "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": self.port, "EMAIL_TIMEOUT": timeout}
