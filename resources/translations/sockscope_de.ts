<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>MessageLibrary</name>
    <message>
        <source>%1 at byte %2</source>
        <translation>%1 bei Byte %2</translation>
    </message>
    <message>
        <source>no &quot;%1&quot;: 1 with a &quot;%2&quot; list</source>
        <translation>kein &quot;%1&quot;: 1 mit einer &quot;%2&quot;-Liste</translation>
    </message>
    <message>
        <source>message %1: %2</source>
        <translation>Nachricht %1: %2</translation>
    </message>
    <message>
        <source>no &quot;name&quot;</source>
        <translation>kein &quot;name&quot;</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a message library: not a regular file</source>
        <translation>„%1“ ist keine Nachrichtensammlung: keine reguläre Datei</translation>
    </message>
    <message>
        <source>Cannot read &apos;%1&apos;: %2</source>
        <translation>„%1“ kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a message library: larger than %2 MiB</source>
        <translation>„%1“ ist keine Nachrichtensammlung: größer als %2 MiB</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a message library: %2</source>
        <translation>„%1“ ist keine Nachrichtensammlung: %2</translation>
    </message>
</context>
<context>
    <name>SendMessage</name>
    <message>
        <source>Nothing to send: type some hex bytes.</source>
        <translation>Nichts zu senden: Geben Sie Hex-Bytes ein.</translation>
    </message>
    <message>
        <source>Nothing to send: type some text or choose a line ending.</source>
        <translation>Nichts zu senden: Geben Sie Text ein oder wählen Sie ein Zeilenende.</translation>
    </message>
    <message>
        <source>unknown format &apos;%1&apos; (text or hex)</source>
        <translation>unbekanntes Format „%1“ (text oder hex)</translation>
    </message>
    <message>
        <source>no &quot;text&quot;</source>
        <translation>kein &quot;text&quot;</translation>
    </message>
    <message>
        <source>unknown line ending &apos;%1&apos; (none, lf or crlf)</source>
        <translation>unbekanntes Zeilenende „%1“ (none, lf oder crlf)</translation>
    </message>
</context>
<context>
    <name>SendTargets</name>
    <message>
        <source>we half-closed connection #%1</source>
        <translation>wir haben Verbindung #%1 halb geschlossen</translation>
    </message>
    <message>
        <source>connection #%1 closed</source>
        <translation>Verbindung #%1 geschlossen</translation>
    </message>
    <message>
        <source>connection #%1 failed: %2</source>
        <translation>Verbindung #%1 fehlgeschlagen: %2</translation>
    </message>
</context>
<context>
    <name>sockscope::AboutDialog</name>
    <message>
        <source>About SockScope</source>
        <translation>Über SockScope</translation>
    </message>
    <message>
        <source>&lt;h2&gt;SockScope %1&lt;/h2&gt;&lt;p&gt;See TCP sockets at work: listeners, accepted sockets, clients, every byte and every step from connect to close.&lt;/p&gt;&lt;p&gt;Built with Qt %2, running on Qt %3.&lt;/p&gt;&lt;p&gt;SockScope makes the ideas of the &lt;a href=&quot;%4&quot;&gt;socket programming HOWTO&lt;/a&gt; visible; &lt;a href=&quot;%5&quot;&gt;The socket HOWTO made visible&lt;/a&gt; says where to watch each one happen.&lt;/p&gt;&lt;p&gt;Copyright © 2026 SockScope developers. Free software under the MIT License: use, copy, change and share it, with no warranty.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;SockScope %1&lt;/h2&gt;&lt;p&gt;TCP-Sockets bei der Arbeit zusehen: Listener, angenommene Sockets, Clients, jedes Byte und jeder Schritt vom Verbinden bis zum Schließen.&lt;/p&gt;&lt;p&gt;Erstellt mit Qt %2, läuft unter Qt %3.&lt;/p&gt;&lt;p&gt;SockScope macht die Ideen des &lt;a href=&quot;%4&quot;&gt;Socket Programming HOWTO&lt;/a&gt; sichtbar; &lt;a href=&quot;%5&quot;&gt;The socket HOWTO made visible&lt;/a&gt; sagt, wo man jede davon beobachten kann.&lt;/p&gt;&lt;p&gt;Copyright © 2026 SockScope-Entwickler. Freie Software unter der MIT-Lizenz: Sie dürfen sie verwenden, kopieren, ändern und weitergeben, ohne Gewährleistung.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>sockscope::BindProbeDialog</name>
    <message>
        <source>Who can reach %1?</source>
        <translation>Wer erreicht %1?</translation>
    </message>
    <message>
        <source>The address a listener binds to decides who can connect: &lt;b&gt;localhost&lt;/b&gt; (127.0.0.1) is only visible within the machine; the empty address (&lt;b&gt;any&lt;/b&gt;, 0.0.0.0 or ::) is reachable through every address the machine has. Each row below is a real connection to port %1 from one of this machine&apos;s addresses.</source>
        <translation>Die Adresse, an die ein Listener gebunden ist, bestimmt, wer sich verbinden kann: &lt;b&gt;localhost&lt;/b&gt; (127.0.0.1) ist nur auf diesem Rechner sichtbar; die leere Adresse (&lt;b&gt;any&lt;/b&gt;, 0.0.0.0 oder ::) ist über jede Adresse des Rechners erreichbar. Jede Zeile unten ist eine echte Verbindung zu Port %1 von einer der Adressen dieses Rechners.</translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation>Erklärung</translation>
    </message>
    <message>
        <source>Probe status</source>
        <translation>Prüfstatus</translation>
    </message>
    <message>
        <source>Reachability by address</source>
        <translation>Erreichbarkeit nach Adresse</translation>
    </message>
    <message>
        <source>Connect to</source>
        <translation>Verbinden mit</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Listener saw</source>
        <translation>Listener sah</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Probe &amp;again</source>
        <translation>&amp;Erneut prüfen</translation>
    </message>
    <message>
        <source>Probe again</source>
        <translation>Erneut prüfen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Not a listener&apos;s address: %1</source>
        <translation>Keine Adresse eines Listeners: %1</translation>
    </message>
    <message>
        <source>Probing…</source>
        <translation>Prüfe…</translation>
    </message>
    <message>
        <source>reachable (IPv4 via dual stack)</source>
        <translation>erreichbar (IPv4 über Dual-Stack)</translation>
    </message>
    <message>
        <source>reachable</source>
        <translation>erreichbar</translation>
    </message>
    <message>
        <source>refused: nothing listens on this address</source>
        <translation>abgewiesen: an dieser Adresse lauscht nichts</translation>
    </message>
    <message>
        <source>unreachable</source>
        <translation>nicht erreichbar</translation>
    </message>
    <message>
        <source>timeout: no answer (firewall, or a full accept queue)</source>
        <translation>Zeitüberschreitung: keine Antwort (Firewall oder volle Accept-Warteschlange)</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Probed %1 addresses of this machine.</source>
        <translation>%1 Adressen dieses Rechners geprüft.</translation>
    </message>
</context>
<context>
    <name>sockscope::ClientDialog</name>
    <message>
        <source>Connect to a server</source>
        <translation>Mit einem Server verbinden</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>A name or address; HOST:PORT is split into host and port.</source>
        <translation>Ein Name oder eine Adresse; HOST:PORT wird in Host und Port aufgeteilt.</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Send on connect</source>
        <translation>Beim Verbinden senden</translation>
    </message>
    <message>
        <source>Optional, e.g. GET / HTTP/1.0\r\n\r\n</source>
        <translation>Optional, z. B. GET / HTTP/1.0\r\n\r\n</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>&amp;Send on connect:</source>
        <translation>Beim Verbinden &amp;senden:</translation>
    </message>
    <message>
        <source>Enter a host name or address.</source>
        <translation>Geben Sie einen Hostnamen oder eine Adresse ein.</translation>
    </message>
    <message>
        <source>A host name cannot contain spaces.</source>
        <translation>Ein Hostname darf keine Leerzeichen enthalten.</translation>
    </message>
    <message>
        <source>Port 0 cannot be connected to.</source>
        <translation>Mit Port 0 kann keine Verbindung hergestellt werden.</translation>
    </message>
    <message>
        <source>&amp;One exchange: half-close after sending</source>
        <translation>&amp;Ein Austausch: nach dem Senden halb schließen</translation>
    </message>
    <message>
        <source>One exchange</source>
        <translation>Ein Austausch</translation>
    </message>
    <message>
        <source>The socket HOWTO&apos;s client: send the request, shut down the write side, then read until the server closes.</source>
        <translation>Der Client aus dem Socket-HOWTO: die Anfrage senden, die Senderichtung schließen, dann lesen, bis der Server schließt.</translation>
    </message>
    <message>
        <source>&amp;Keep payload:</source>
        <translation>&amp;Nutzdaten behalten:</translation>
    </message>
    <message>
        <source>&amp;TCP_NODELAY: small writes leave at once</source>
        <translation>&amp;TCP_NODELAY: kleine Schreibvorgänge gehen sofort hinaus</translation>
    </message>
    <message>
        <source>SO_KEEPA&amp;LIVE: probe the peer while idle</source>
        <translation>SO_KEEPA&amp;LIVE: Gegenseite im Leerlauf prüfen</translation>
    </message>
    <message>
        <source>Source address</source>
        <translation>Quelladresse</translation>
    </message>
    <message>
        <source>Any: the kernel picks by route</source>
        <translation>Beliebig: Der Kernel wählt nach Route</translation>
    </message>
    <message>
        <source>Bind the client to this address of this machine before connecting: localhost, any, any6 or a literal address.</source>
        <translation>Den Client vor dem Verbinden an diese Adresse dieses Rechners binden: localhost, any, any6 oder eine konkrete Adresse.</translation>
    </message>
    <message>
        <source>ephemeral: the kernel picks</source>
        <translation>ephemer: Der Kernel wählt</translation>
    </message>
    <message>
        <source>Source port</source>
        <translation>Quellport</translation>
    </message>
    <message>
        <source>0 takes an ephemeral port. A fixed port that another socket holds, or whose last connection is still in TIME_WAIT, fails with EADDRINUSE: SockScope does not set SO_REUSEADDR.</source>
        <translation>0 nimmt einen ephemeren Port. Ein fester Port, den ein anderer Socket hält oder dessen letzte Verbindung noch in TIME_WAIT ist, scheitert mit EADDRINUSE: SockScope setzt SO_REUSEADDR nicht.</translation>
    </message>
    <message>
        <source>TCP_NODELAY</source>
        <translation>TCP_NODELAY</translation>
    </message>
    <message>
        <source>Turns off Nagle&apos;s algorithm, which otherwise holds small writes back while earlier data is unacknowledged.</source>
        <translation>Schaltet den Nagle-Algorithmus ab, der sonst kleine Schreibvorgänge zurückhält, solange frühere Daten unbestätigt sind.</translation>
    </message>
    <message>
        <source>SO_KEEPALIVE</source>
        <translation>SO_KEEPALIVE</translation>
    </message>
    <message>
        <source>The kernel probes a connection that stays idle (after 2 hours by default, net.ipv4.tcp_keepalive_time).</source>
        <translation>Der Kernel prüft eine Verbindung, die untätig bleibt (standardmäßig nach 2 Stunden, net.ipv4.tcp_keepalive_time).</translation>
    </message>
    <message>
        <source>Source &amp;address:</source>
        <translation>Quell&amp;adresse:</translation>
    </message>
    <message>
        <source>Source po&amp;rt:</source>
        <translation>Quellpo&amp;rt:</translation>
    </message>
    <message>
        <source>Client socket</source>
        <translation>Client-Socket</translation>
    </message>
    <message>
        <source>%1 is an IPv%2 address and cannot reach %3; use any6 or an IPv%4 address.</source>
        <translation>%1 ist eine IPv%2-Adresse und kann %3 nicht erreichen; verwenden Sie any6 oder eine IPv%4-Adresse.</translation>
    </message>
    <message>
        <source>Sent as soon as the connection is up. Escapes: \n \r \t \\ \0 \xHH \u{hhhh}.</source>
        <translation>Wird gesendet, sobald die Verbindung steht. Escapes: \n \r \t \\ \0 \xHH \u{hhhh}.</translation>
    </message>
</context>
<context>
    <name>sockscope::ConnectionEnding</name>
    <message>
        <source>Peer half-closed</source>
        <translation>Von der Gegenseite halb geschlossen</translation>
    </message>
    <message>
        <source>We half-closed</source>
        <translation>Von uns halb geschlossen</translation>
    </message>
    <message>
        <source>Peer half-closed, then we closed</source>
        <translation>Von der Gegenseite halb geschlossen, dann von uns geschlossen</translation>
    </message>
    <message>
        <source>We half-closed, then the peer closed</source>
        <translation>Von uns halb geschlossen, dann von der Gegenseite geschlossen</translation>
    </message>
    <message>
        <source>We closed</source>
        <translation>Von uns geschlossen</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Geschlossen</translation>
    </message>
    <message>
        <source>peer shut down its sending side</source>
        <translation>Gegenseite hat ihre Senderichtung geschlossen</translation>
    </message>
    <message>
        <source>we shut down our sending side</source>
        <translation>wir haben unsere Senderichtung geschlossen</translation>
    </message>
    <message>
        <source>one side shut down its sending side</source>
        <translation>eine Seite hat ihre Senderichtung geschlossen</translation>
    </message>
    <message>
        <source>closed; the peer&apos;s FIN came first</source>
        <translation>geschlossen; das FIN der Gegenseite kam zuerst</translation>
    </message>
    <message>
        <source>closed; our FIN came first</source>
        <translation>geschlossen; unser FIN kam zuerst</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>geschlossen</translation>
    </message>
    <message>
        <source>Peer half-closed, then we reset the connection</source>
        <translation>Von der Gegenseite halb geschlossen, dann von uns zurückgesetzt</translation>
    </message>
    <message>
        <source>We half-closed, then reset the connection</source>
        <translation>Von uns halb geschlossen, dann von uns zurückgesetzt</translation>
    </message>
    <message>
        <source>We reset the connection</source>
        <translation>Von uns zurückgesetzt</translation>
    </message>
    <message>
        <source>we reset the connection (RST)</source>
        <translation>wir haben die Verbindung zurückgesetzt (RST)</translation>
    </message>
</context>
<context>
    <name>sockscope::ConnectionsModel</name>
    <message>
        <source>Connecting</source>
        <translation>Verbindet</translation>
    </message>
    <message>
        <source>Listening</source>
        <translation>Lauscht</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Half-closed by peer</source>
        <translation>Von der Gegenseite halb geschlossen</translation>
    </message>
    <message>
        <source>Half-closed by us</source>
        <translation>Von uns halb geschlossen</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Geschlossen</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Gestoppt</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Local</source>
        <translation>Lokal</translation>
    </message>
    <message>
        <source>Peer</source>
        <translation>Gegenseite</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Bytes in</source>
        <translation>Bytes ein</translation>
    </message>
    <message>
        <source>Bytes out</source>
        <translation>Bytes aus</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 Bytes</translation>
    </message>
    <message>
        <source>Outgoing clients</source>
        <translation>Ausgehende Clients</translation>
    </message>
    <message>
        <source>Listener #%1</source>
        <translation>Listener #%1</translation>
    </message>
    <message>
        <source>start not captured</source>
        <translation>Start nicht mitgeschnitten</translation>
    </message>
    <message>
        <source>%1 started</source>
        <translation>%1 gestartet</translation>
    </message>
    <message>
        <source>backlog %1</source>
        <translation>Backlog %1</translation>
    </message>
    <message>
        <source>%1 accepted</source>
        <translation>%1 angenommen</translation>
    </message>
    <message>
        <source>to %1</source>
        <translation>an %1</translation>
    </message>
    <message>
        <source>%1 waiting / backlog %2</source>
        <translation>%1 wartend / Backlog %2</translation>
    </message>
    <message>
        <source>paused · %1</source>
        <translation>pausiert · %1</translation>
    </message>
    <message>
        <source>Clients SockScope started</source>
        <translation>Von SockScope gestartete Clients</translation>
    </message>
    <message>
        <source>Clients SockScope started. Each gets its local port from the kernel&apos;s ephemeral range %1–%2 unless it binds one.</source>
        <translation>Von SockScope gestartete Clients. Jeder erhält seinen lokalen Port vom Kernel aus dem ephemeren Bereich %1–%2, sofern er keinen bindet.</translation>
    </message>
    <message>
        <source>reachability probe, closed at once</source>
        <translation>Erreichbarkeitsprobe, sofort geschlossen</translation>
    </message>
    <message>
        <source>Paused · %1 waiting</source>
        <translation>Angehalten · %1 wartend</translation>
    </message>
    <message>
        <source>Closed, peer first</source>
        <translation>Geschlossen, Gegenseite zuerst</translation>
    </message>
    <message>
        <source>Closed, we first</source>
        <translation>Geschlossen, wir zuerst</translation>
    </message>
    <message>
        <source>We closed</source>
        <translation>Von uns geschlossen</translation>
    </message>
    <message>
        <source>%1 · reading paused</source>
        <translation>%1 · Lesen pausiert</translation>
    </message>
    <message>
        <source>We reset (RST)</source>
        <translation>Von uns zurückgesetzt (RST)</translation>
    </message>
    <message>
        <source>%1 in %2 events dropped</source>
        <translation>%1 in %2 Ereignissen verworfen</translation>
    </message>
    <message>
        <source>%1 bytes (%2)</source>
        <translation>%1 Bytes (%2)</translation>
    </message>
    <message>
        <source>loopback: only this machine can connect</source>
        <translation>Loopback: nur dieser Rechner kann sich verbinden</translation>
    </message>
    <message>
        <source>every interface: any host that can route here can connect</source>
        <translation>jede Schnittstelle: jeder Host mit einer Route hierher kann sich verbinden</translation>
    </message>
    <message>
        <source>this interface only</source>
        <translation>nur diese Schnittstelle</translation>
    </message>
    <message>
        <source>%1 (privileged: below 1024)</source>
        <translation>%1 (privilegiert: unter 1024)</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>Keep payload</source>
        <translation>Nutzdaten behalten</translation>
    </message>
    <message>
        <source>Listener</source>
        <translation>Listener</translation>
    </message>
    <message>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Bind address</source>
        <translation>Bind-Adresse</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Backlog asked</source>
        <translation>Angefragter Backlog</translation>
    </message>
    <message>
        <source>Accept queue now</source>
        <translation>Accept-Warteschlange jetzt</translation>
    </message>
    <message>
        <source>unknown / backlog %1</source>
        <translation>unbekannt / Backlog %1</translation>
    </message>
    <message>
        <source>%1 waiting / backlog %2 (the kernel&apos;s limit)</source>
        <translation>%1 wartend / Backlog %2 (das Limit des Kernels)</translation>
    </message>
    <message>
        <source>Accepting</source>
        <translation>Annehmen</translation>
    </message>
    <message>
        <source>paused: connections wait in the kernel&apos;s queue</source>
        <translation>pausiert: Verbindungen warten in der Warteschlange des Kernels</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>Responder</source>
        <translation>Antwortverhalten</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Angenommen</translation>
    </message>
    <message>
        <source>%1 connections</source>
        <translation>%1 Verbindungen</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>#%1, accepted by listener #%2</source>
        <translation>#%1, angenommen von Listener #%2</translation>
    </message>
    <message>
        <source>#%1, outgoing client</source>
        <translation>#%1, ausgehender Client</translation>
    </message>
    <message>
        <source>Target as typed</source>
        <translation>Ziel wie eingegeben</translation>
    </message>
    <message>
        <source>%1 (the listener&apos;s port)</source>
        <translation>%1 (der Port des Listeners)</translation>
    </message>
    <message>
        <source>%1 (our ephemeral port, picked by the kernel)</source>
        <translation>%1 (unser ephemerer Port, vom Kernel gewählt)</translation>
    </message>
    <message>
        <source>%1 (the peer&apos;s ephemeral port)</source>
        <translation>%1 (der ephemere Port der Gegenseite)</translation>
    </message>
    <message>
        <source>Other end</source>
        <translation>Anderes Ende</translation>
    </message>
    <message>
        <source>connection #%1, accepted by listener #%2</source>
        <translation>Verbindung #%1, angenommen von Listener #%2</translation>
    </message>
    <message>
        <source>connection #%1, a client of this session</source>
        <translation>Verbindung #%1, ein Client dieser Sitzung</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>Lesen</translation>
    </message>
    <message>
        <source>paused: the kernel&apos;s buffer fills and TCP flow control holds the peer back</source>
        <translation>pausiert: Der Puffer des Kernels füllt sich und die TCP-Flusskontrolle bremst die Gegenseite</translation>
    </message>
    <message>
        <source>How it ended</source>
        <translation>Wie sie endete</translation>
    </message>
    <message>
        <source>Half-closed</source>
        <translation>Halb geschlossen</translation>
    </message>
    <message>
        <source>Dropped</source>
        <translation>Verworfen</translation>
    </message>
    <message>
        <source>%1 in %2 events</source>
        <translation>%1 in %2 Ereignissen</translation>
    </message>
    <message>
        <source>Why dropped</source>
        <translation>Grund des Verwerfens</translation>
    </message>
    <message>
        <source>Local ports</source>
        <translation>Lokale Ports</translation>
    </message>
    <message>
        <source>from the kernel&apos;s ephemeral range %1–%2, unless a client binds one</source>
        <translation>aus dem ephemeren Bereich %1–%2 des Kernels, sofern ein Client keinen bindet</translation>
    </message>
    <message>
        <source>relayed to #%1</source>
        <translation>weitergeleitet an #%1</translation>
    </message>
    <message>
        <source>upstream of #%1</source>
        <translation>Upstream von #%1</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>TLS handshake failed</source>
        <translation>TLS-Handshake fehlgeschlagen</translation>
    </message>
    <message>
        <source>TLS, handshake not ended yet</source>
        <translation>TLS, Handshake noch nicht beendet</translation>
    </message>
    <message>
        <source>TLS handshake failed: %1</source>
        <translation>TLS-Handshake fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>TLS server</source>
        <translation>TLS-Server</translation>
    </message>
    <message>
        <source>TLS server, certificate for %1</source>
        <translation>TLS-Server, Zertifikat für %1</translation>
    </message>
    <message>
        <source>ALPN %1</source>
        <translation>ALPN %1</translation>
    </message>
</context>
<context>
    <name>sockscope::ConnectionsPanel</name>
    <message>
        <source>Connections</source>
        <translation>Verbindungen</translation>
    </message>
    <message>
        <source>Outgoing clients</source>
        <translation>Ausgehende Clients</translation>
    </message>
    <message>
        <source>#%1  %2 ↔ %3</source>
        <translation>#%1  %2 ↔ %3</translation>
    </message>
    <message>
        <source>Copy &amp;address %1</source>
        <translation>&amp;Adresse %1 kopieren</translation>
    </message>
    <message>
        <source>Clear c&amp;losed</source>
        <translation>&amp;Geschlossene entfernen</translation>
    </message>
    <message>
        <source>&amp;Send…</source>
        <translation>&amp;Senden…</translation>
    </message>
    <message>
        <source>&amp;Half-close</source>
        <translation>&amp;Halb schließen</translation>
    </message>
    <message>
        <source>&amp;Cancel connect</source>
        <translation>Verbindungsaufbau a&amp;bbrechen</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>S&amp;chließen</translation>
    </message>
    <message>
        <source>S&amp;top listener</source>
        <translation>Listener s&amp;toppen</translation>
    </message>
    <message>
        <source>&amp;Resume reading</source>
        <translation>Lesen &amp;fortsetzen</translation>
    </message>
    <message>
        <source>&amp;Pause reading</source>
        <translation>Lesen &amp;pausieren</translation>
    </message>
    <message>
        <source>Listener #%1</source>
        <translation>Listener #%1</translation>
    </message>
    <message>
        <source>Getting started</source>
        <translation>Erste Schritte</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;No sockets yet.&lt;/b&gt; Start one, or look at a saved session:&lt;/p&gt;&lt;p&gt;&lt;a href=&quot;listen&quot;&gt;Listen…&lt;/a&gt; (%1) &amp;nbsp; &lt;a href=&quot;connect&quot;&gt;Connect…&lt;/a&gt; (%2) &amp;nbsp; &lt;a href=&quot;open&quot;&gt;Open a session…&lt;/a&gt; (%3)&lt;/p&gt;&lt;p&gt;A server socket only makes client sockets: start a listener, connect to it, and watch both ends. &lt;a href=&quot;%4&quot;&gt;More ideas from the socket HOWTO&lt;/a&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Noch keine Sockets.&lt;/b&gt; Starten Sie einen, oder sehen Sie sich eine gespeicherte Sitzung an:&lt;/p&gt;&lt;p&gt;&lt;a href=&quot;listen&quot;&gt;Lauschen…&lt;/a&gt; (%1) &amp;nbsp; &lt;a href=&quot;connect&quot;&gt;Verbinden…&lt;/a&gt; (%2) &amp;nbsp; &lt;a href=&quot;open&quot;&gt;Sitzung öffnen…&lt;/a&gt; (%3)&lt;/p&gt;&lt;p&gt;Ein Server-Socket erzeugt nur Client-Sockets: Starten Sie einen Listener, verbinden Sie sich damit und beobachten Sie beide Enden. &lt;a href=&quot;%4&quot;&gt;Mehr Ideen aus dem Socket-HOWTO&lt;/a&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>A&amp;bort (RST)</source>
        <translation>&amp;Zurücksetzen (RST)</translation>
    </message>
    <message>
        <source>Reset the connection: the peer gets an RST, and whatever is still queued either way is dropped</source>
        <translation>Die Verbindung zurücksetzen: Die Gegenseite erhält ein RST, und was in beiden Richtungen noch wartet, wird verworfen</translation>
    </message>
    <message>
        <source>Connect a&amp;gain</source>
        <translation>Erneut &amp;verbinden</translation>
    </message>
</context>
<context>
    <name>sockscope::DetailTabs</name>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Hex dump</source>
        <translation>Hexdump</translation>
    </message>
    <message>
        <source>Select a row in the traffic table to see its bytes.</source>
        <translation>Wählen Sie eine Zeile in der Verkehrstabelle, um ihre Bytes zu sehen.</translation>
    </message>
    <message>
        <source>He&amp;x</source>
        <translation>He&amp;x</translation>
    </message>
    <message>
        <source>&amp;Follow stream</source>
        <translation>Stream ver&amp;folgen</translation>
    </message>
    <message>
        <source>E&amp;vents</source>
        <translation>Ereig&amp;nisse</translation>
    </message>
    <message>
        <source>The selected chunk&apos;s bytes in hex and ASCII</source>
        <translation>Die Bytes des gewählten Blocks in Hex und ASCII</translation>
    </message>
    <message>
        <source>The selected connection&apos;s whole conversation</source>
        <translation>Die ganze Unterhaltung der gewählten Verbindung</translation>
    </message>
    <message>
        <source>Listens, accepts, connects, closes and errors</source>
        <translation>Lauschen, Annehmen, Verbinden, Schließen und Fehler</translation>
    </message>
    <message>
        <source>Messa&amp;ges</source>
        <translation>Nachrich&amp;ten</translation>
    </message>
    <message>
        <source>T&amp;imeline</source>
        <translation>&amp;Zeitleiste</translation>
    </message>
    <message>
        <source>The selected connection&apos;s stream cut into messages by a framing rule</source>
        <translation>Der Stream der gewählten Verbindung, nach einer Framing-Regel in Nachrichten zerlegt</translation>
    </message>
    <message>
        <source>The selected connection&apos;s lifecycle</source>
        <translation>Der Lebenszyklus der gewählten Verbindung</translation>
    </message>
    <message>
        <source>Payload dropped under the capture budget: only the first %1 of %2 bytes are left.

%3</source>
        <translation>Nutzdaten unter dem Mitschnitt-Budget verworfen: nur die ersten %1 von %2 Bytes sind übrig.

%3</translation>
    </message>
    <message>
        <source>Chun&amp;k boundaries</source>
        <translation>Stüc&amp;kgrenzen</translation>
    </message>
    <message>
        <source>Sho&amp;w as:</source>
        <translation>An&amp;zeigen als:</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Raw hex</source>
        <translation>Rohes Hex</translation>
    </message>
    <message>
        <source>Show stream as</source>
        <translation>Stream anzeigen als</translation>
    </message>
    <message>
        <source>Text with escapes, a hex dump (offset, hex, ASCII) or continuous hex digits</source>
        <translation>Text mit Escapes, ein Hex-Dump (Offset, Hex, ASCII) oder fortlaufende Hex-Ziffern</translation>
    </message>
    <message>
        <source>Show chunk boundaries</source>
        <translation>Stückgrenzen zeigen</translation>
    </message>
    <message>
        <source>Mark where each received or sent chunk starts</source>
        <translation>Markiert, wo jedes empfangene oder gesendete Stück beginnt</translation>
    </message>
    <message>
        <source>Find…</source>
        <translation>Suchen…</translation>
    </message>
    <message>
        <source>Find in stream</source>
        <translation>Im Stream suchen</translation>
    </message>
    <message>
        <source>Find text or hex bytes in the whole stream (Ctrl+F)</source>
        <translation>Text oder Hex-Bytes im ganzen Stream suchen (Strg+F)</translation>
    </message>
    <message>
        <source>Save strea&amp;m…</source>
        <translation>Stream s&amp;peichern…</translation>
    </message>
    <message>
        <source>Save stream</source>
        <translation>Stream speichern</translation>
    </message>
    <message>
        <source>Save the stream&apos;s bytes to a file: both directions or one</source>
        <translation>Die Bytes des Streams in eine Datei speichern: beide Richtungen oder eine</translation>
    </message>
    <message>
        <source>&amp;Both directions…</source>
        <translation>&amp;Beide Richtungen…</translation>
    </message>
    <message>
        <source>&amp;Received only…</source>
        <translation>Nur &amp;empfangen…</translation>
    </message>
    <message>
        <source>&amp;Sent only…</source>
        <translation>Nur &amp;gesendet…</translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <translation>&amp;Details</translation>
    </message>
    <message>
        <source>Everything about the listener or connection selected in the list</source>
        <translation>Alles über den Listener oder die Verbindung, die in der Liste gewählt ist</translation>
    </message>
    <message>
        <source>I&amp;ntercept</source>
        <translation>A&amp;bfangen</translation>
    </message>
    <message>
        <source>T&amp;LS</source>
        <translation>T&amp;LS</translation>
    </message>
    <message>
        <source>The selected connection&apos;s TLS handshake: version, cipher, certificates and their verification, hellos</source>
        <translation>Der TLS-Handshake der gewählten Verbindung: Version, Cipher-Suite, Zertifikate und ihre Prüfung, Hellos</translation>
    </message>
</context>
<context>
    <name>sockscope::EventLogModel</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Betrifft</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>conn #%1</source>
        <translation>Verb. #%1</translation>
    </message>
    <message>
        <source>listener #%1</source>
        <translation>Listener #%1</translation>
    </message>
    <message>
        <source>session</source>
        <translation>Sitzung</translation>
    </message>
    <message>
        <source>bound %1</source>
        <translation>gebunden an %1</translation>
    </message>
    <message>
        <source>backlog %1</source>
        <translation>Backlog %1</translation>
    </message>
    <message>
        <source>peer %1 → local %2</source>
        <translation>Gegenseite %1 → lokal %2</translation>
    </message>
    <message>
        <source>to %1</source>
        <translation>nach %1</translation>
    </message>
    <message>
        <source>local %1 → peer %2</source>
        <translation>lokal %1 → Gegenseite %2</translation>
    </message>
    <message>
        <source>stopped listening</source>
        <translation>lauscht nicht mehr</translation>
    </message>
    <message>
        <source>%1 in %2 events dropped from the capture</source>
        <translation>%1 in %2 Ereignissen aus der Aufzeichnung verworfen</translation>
    </message>
    <message>
        <source>#%1 → #%2</source>
        <translation>#%1 → #%2</translation>
    </message>
    <message>
        <source>holding %1</source>
        <translation>halte %1 an</translation>
    </message>
    <message>
        <source>stopped holding %1, released what was held</source>
        <translation>Anhalten von %1 beendet, Angehaltenes freigegeben</translation>
    </message>
    <message>
        <source>held</source>
        <translation>angehalten</translation>
    </message>
    <message>
        <source>released</source>
        <translation>freigegeben</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>bearbeitet</translation>
    </message>
    <message>
        <source>dropped</source>
        <translation>verworfen</translation>
    </message>
    <message>
        <source>injected</source>
        <translation>eingefügt</translation>
    </message>
    <message>
        <source>message %1 %2 %3, %4</source>
        <translation>Nachricht %1 %2 %3, %4</translation>
    </message>
    <message>
        <source>TLS with %1, SHA-256 %2</source>
        <translation>TLS mit %1, SHA-256 %2</translation>
    </message>
    <message>
        <source>TLS handshake failed: %1</source>
        <translation>TLS-Handshake fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>ALPN %1</source>
        <translation>ALPN %1</translation>
    </message>
    <message>
        <source>SNI %1</source>
        <translation>SNI %1</translation>
    </message>
    <message>
        <source>verify %1</source>
        <translation>Prüfung %1</translation>
    </message>
    <message>
        <source>greeting sent</source>
        <translation>Begrüßung gesendet</translation>
    </message>
    <message>
        <source>message %1: no rule matched, no answer</source>
        <translation>Nachricht %1: keine Regel passte, keine Antwort</translation>
    </message>
    <message>
        <source>message %1: no rule matched, the default answered</source>
        <translation>Nachricht %1: keine Regel passte, die Standardantwort antwortete</translation>
    </message>
    <message>
        <source>message %1 answered by rule “%2”</source>
        <translation>Nachricht %1 beantwortet von Regel „%2“</translation>
    </message>
</context>
<context>
    <name>sockscope::EventLogPanel</name>
    <message>
        <source>Event log</source>
        <translation>Ereignisprotokoll</translation>
    </message>
</context>
<context>
    <name>sockscope::ExportAction</name>
    <message>
        <source>JSON Lines (*.jsonl)</source>
        <translation>JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>HTML report (*.html)</source>
        <translation>HTML-Bericht (*.html)</translation>
    </message>
    <message>
        <source>pcap for Wireshark (*.pcap)</source>
        <translation>pcap für Wireshark (*.pcap)</translation>
    </message>
    <message>
        <source>&amp;Export session…</source>
        <translation>Sitzung &amp;exportieren…</translation>
    </message>
    <message>
        <source>Export every captured event to a file (%1)</source>
        <translation>Jedes mitgeschnittene Ereignis in eine Datei exportieren (%1)</translation>
    </message>
    <message>
        <source>Export every captured event to a file</source>
        <translation>Jedes mitgeschnittene Ereignis in eine Datei exportieren</translation>
    </message>
    <message>
        <source>Export session</source>
        <translation>Sitzung exportieren</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>The session could not be exported to %1.</source>
        <translation>Die Sitzung konnte nicht nach %1 exportiert werden.</translation>
    </message>
    <message>
        <source>Export &amp;elsewhere…</source>
        <translation>&amp;Woandershin exportieren…</translation>
    </message>
    <message>
        <source>pcapng with TLS records and keys (*.pcapng)</source>
        <translation>pcapng mit TLS-Records und Schlüsseln (*.pcapng)</translation>
    </message>
</context>
<context>
    <name>sockscope::ExportCaAction</name>
    <message>
        <source>Save the certificate of SockScope&apos;s own certificate authority, which issues the certificates of TLS listeners without one of their own, to trust it in a browser or the system</source>
        <translation>Das Zertifikat von SockScopes eigener Zertifizierungsstelle speichern, die TLS-Listenern ohne eigenes Zertifikat ihre Zertifikate ausstellt, um ihr in einem Browser oder im System zu vertrauen</translation>
    </message>
    <message>
        <source>CA certificate not exported</source>
        <translation>CA-Zertifikat nicht exportiert</translation>
    </message>
    <message>
        <source>SockScope&apos;s CA certificate could not be exported to %1.</source>
        <translation>SockScopes CA-Zertifikat konnte nicht nach %1 exportiert werden.</translation>
    </message>
    <message>
        <source>Export CA certificate</source>
        <translation>CA-Zertifikat exportieren</translation>
    </message>
    <message>
        <source>PEM certificate (*.pem *.crt);;All files (*)</source>
        <translation>PEM-Zertifikat (*.pem *.crt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>CA certificate exported</source>
        <translation>CA-Zertifikat exportiert</translation>
    </message>
    <message>
        <source>SockScope&apos;s CA certificate is in %1.</source>
        <translation>SockScopes CA-Zertifikat liegt in %1.</translation>
    </message>
    <message>
        <source>&lt;p&gt;Trusting it as an authority (in a browser&apos;s certificate settings, or in the system&apos;s store with update-ca-certificates) makes the certificates SockScope issues verify: those of TLS listeners without a certificate of their own, and those a relay with TLS on both legs shows its clients.&lt;/p&gt;&lt;p&gt;Whoever has its key, kept in %1, can then pose as any server to what trusts it. Trust it only where you test, and remove it when you are done.&lt;/p&gt;&lt;p&gt;SHA-256 fingerprint:&lt;br&gt;&lt;tt&gt;%2&lt;/tt&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;Wer ihr als Zertifizierungsstelle vertraut (in den Zertifikatseinstellungen eines Browsers oder mit update-ca-certificates im Zertifikatsspeicher des Systems), für den bestehen die Zertifikate, die SockScope ausstellt, die Prüfung: die von TLS-Listenern ohne eigenes Zertifikat und die, die ein Relay mit TLS auf beiden Seiten seinen Clients zeigt.&lt;/p&gt;&lt;p&gt;Wer ihren Schlüssel hat, der in %1 liegt, kann sich dann gegenüber allem, was ihr vertraut, als beliebiger Server ausgeben. Vertrauen Sie ihr nur dort, wo Sie testen, und entfernen Sie sie, wenn Sie fertig sind.&lt;/p&gt;&lt;p&gt;SHA-256-Fingerabdruck:&lt;br&gt;&lt;tt&gt;%2&lt;/tt&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Export C&amp;A certificate…</source>
        <translation>&amp;CA-Zertifikat exportieren…</translation>
    </message>
</context>
<context>
    <name>sockscope::FailureReporter</name>
    <message>
        <source>Use any free port</source>
        <translation>Beliebigen freien Port verwenden</translation>
    </message>
</context>
<context>
    <name>sockscope::FileSender</name>
    <message>
        <source>A file is being sent already.</source>
        <translation>Es wird bereits eine Datei gesendet.</translation>
    </message>
    <message>
        <source>Cannot read &apos;%1&apos;: %2</source>
        <translation>„%1“ kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is empty: nothing to send.</source>
        <translation>„%1“ ist leer: nichts zu senden.</translation>
    </message>
    <message>
        <source>No open connection to send &apos;%1&apos; to.</source>
        <translation>Keine offene Verbindung, an die „%1“ gesendet werden kann.</translation>
    </message>
    <message>
        <source>Cancelled &apos;%1&apos;: %2 of %3 sent</source>
        <translation>„%1“ abgebrochen: %2 von %3 gesendet</translation>
    </message>
    <message>
        <source>; %1 already handed to the connection still goes out</source>
        <translation>; %1, die bereits an die Verbindung übergeben sind, gehen noch hinaus</translation>
    </message>
    <message>
        <source>Sending &apos;%1&apos; stopped after %2: %3</source>
        <translation>Senden von „%1“ nach %2 gestoppt: %3</translation>
    </message>
    <message>
        <source>Sent &apos;%1&apos; (%2) to connection #%3.</source>
        <translation>„%1“ (%2) an Verbindung #%3 gesendet.</translation>
    </message>
    <message>
        <source>Sent &apos;%1&apos; (%2) to %3 connections.</source>
        <translation>„%1“ (%2) an %3 Verbindungen gesendet.</translation>
    </message>
    <message>
        <source>%1 Not to all: %2.</source>
        <translation>%1 Nicht an alle: %2.</translation>
    </message>
    <message>
        <source>Sending &apos;%1&apos; stopped: %2</source>
        <translation>Senden von &apos;%1&apos; abgebrochen: %2</translation>
    </message>
</context>
<context>
    <name>sockscope::FollowStreamView</name>
    <message>
        <source>Follow stream</source>
        <translation>Stream verfolgen</translation>
    </message>
    <message>
        <source>Select a connection to follow its conversation. Blue: received from the peer. Orange: sent by SockScope.</source>
        <translation>Wählen Sie eine Verbindung, um ihrer Unterhaltung zu folgen. Blau: von der Gegenseite empfangen. Orange: von SockScope gesendet.</translation>
    </message>
    <message>
        <source>
[%1 more not shown]</source>
        <translation>
[%1 weitere nicht gezeigt]</translation>
    </message>
    <message>
        <source>Could not save the stream to %1: %2</source>
        <translation>Der Stream konnte nicht nach %1 gespeichert werden: %2</translation>
    </message>
    <message>
        <source>no connection is selected</source>
        <translation>keine Verbindung ist ausgewählt</translation>
    </message>
    <message>
        <source>Nothing has passed on this connection yet.</source>
        <translation>Über diese Verbindung ist noch nichts gelaufen.</translation>
    </message>
    <message>
        <source>&amp;Copy visible rows</source>
        <translation>Sichtbare Zeilen &amp;kopieren</translation>
    </message>
    <message>
        <source>As &amp;text</source>
        <translation>Als &amp;Text</translation>
    </message>
    <message>
        <source>As &amp;hex dump</source>
        <translation>Als &amp;Hex-Dump</translation>
    </message>
    <message>
        <source>As &amp;raw hex</source>
        <translation>Als &amp;rohes Hex</translation>
    </message>
    <message>
        <source>Show c&amp;hunk boundaries</source>
        <translation>Stück&amp;grenzen zeigen</translation>
    </message>
    <message>
        <source>&amp;Save this stream</source>
        <translation>Diesen Stream &amp;speichern</translation>
    </message>
    <message>
        <source>&amp;Both directions…</source>
        <translation>&amp;Beide Richtungen…</translation>
    </message>
    <message>
        <source>&amp;Received only…</source>
        <translation>Nur &amp;empfangen…</translation>
    </message>
    <message>
        <source>&amp;Sent only…</source>
        <translation>Nur &amp;gesendet…</translation>
    </message>
    <message>
        <source>[%1 not kept]</source>
        <translation>[%1 nicht behalten]</translation>
    </message>
    <message>
        <source>Save this stream</source>
        <translation>Diesen Stream speichern</translation>
    </message>
</context>
<context>
    <name>sockscope::FormHelpers</name>
    <message>
        <source>(nothing)</source>
        <translation>(nichts)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>sockscope::FramingPicker</name>
    <message>
        <source>Framing</source>
        <translation>Framing</translation>
    </message>
    <message>
        <source>How to cut the byte stream into messages</source>
        <translation>Wie der Bytestrom in Nachrichten zerlegt wird</translation>
    </message>
    <message>
        <source>Chunks as read</source>
        <translation>Blöcke wie gelesen</translation>
    </message>
    <message>
        <source>Lines (\n)</source>
        <translation>Zeilen (\n)</translation>
    </message>
    <message>
        <source>Delimiter</source>
        <translation>Trennzeichen</translation>
    </message>
    <message>
        <source>Length prefix</source>
        <translation>Längenpräfix</translation>
    </message>
    <message>
        <source>The bytes that end a message, as text with the escapes the views show: \n \r \t \0 \\ \xHH \u{hhhh}</source>
        <translation>Die Bytes, die eine Nachricht beenden, als Text mit den Escapes der Ansichten: \n \r \t \0 \\ \xHH \u{hhhh}</translation>
    </message>
    <message>
        <source>Size and byte order of the length before each message</source>
        <translation>Größe und Bytereihenfolge der Länge vor jeder Nachricht</translation>
    </message>
    <message>
        <source>1 byte</source>
        <translation>1 Byte</translation>
    </message>
    <message>
        <source>%1 bytes, big-endian</source>
        <translation>%1 Bytes, Big-Endian</translation>
    </message>
    <message>
        <source>%1 bytes, little-endian</source>
        <translation>%1 Bytes, Little-Endian</translation>
    </message>
    <message>
        <source>&amp;Framing:</source>
        <translation>&amp;Framing:</translation>
    </message>
</context>
<context>
    <name>sockscope::FramingView</name>
    <message>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <source>Dir</source>
        <translation>Ri.</translation>
    </message>
    <message>
        <source>Offset</source>
        <translation>Offset</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Completed at</source>
        <translation>Vollständig um</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>out</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>When the chunk that completed the message was read or sent</source>
        <translation>Wann der Block gelesen oder gesendet wurde, der die Nachricht vervollständigte</translation>
    </message>
    <message>
        <source>Incomplete tail</source>
        <translation>Unvollständiger Rest</translation>
    </message>
    <message>
        <source>in</source>
        <translation>ein</translation>
    </message>
    <message>
        <source>%1: framing stopped at offset %2: %3</source>
        <translation>%1: Framing bei Offset %2 gestoppt: %3</translation>
    </message>
    <message>
        <source>%1: incomplete message at offset %2 (%3 bytes so far): %4</source>
        <translation>%1: unvollständige Nachricht bei Offset %2 (bisher %3 Bytes): %4</translation>
    </message>
    <message>
        <source>Framing… %1 of %2 read</source>
        <translation>Zerlegung… %1 von %2 gelesen</translation>
    </message>
    <message>
        <source>Showing the first %1 messages; framing stopped there. Follow stream and the exports have the whole stream.</source>
        <translation>Die ersten %1 Nachrichten werden gezeigt; die Zerlegung endet dort. „Stream verfolgen“ und die Exporte haben den ganzen Stream.</translation>
    </message>
</context>
<context>
    <name>sockscope::HeldMessagesModel</name>
    <message>
        <source>%1 (edited)</source>
        <translation>%1 (bearbeitet)</translation>
    </message>
    <message>
        <source>client → server</source>
        <translation>Client → Server</translation>
    </message>
    <message>
        <source>server → client</source>
        <translation>Server → Client</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Richtung</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
</context>
<context>
    <name>sockscope::HelpMenu</name>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>Benutzer&amp;handbuch</translation>
    </message>
    <message>
        <source>Read how to use SockScope, step by step</source>
        <translation>Schritt für Schritt lesen, wie man SockScope benutzt</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>List the keys of every menu item</source>
        <translation>Die Tasten aller Menüeinträge auflisten</translation>
    </message>
    <message>
        <source>&amp;About SockScope</source>
        <translation>Ü&amp;ber SockScope</translation>
    </message>
    <message>
        <source>The version, the Qt version and the license</source>
        <translation>Die Version, die Qt-Version und die Lizenz</translation>
    </message>
</context>
<context>
    <name>sockscope::InterceptPanel</name>
    <message>
        <source>Hold client → server</source>
        <translation>Client → Server anhalten</translation>
    </message>
    <message>
        <source>Hold server → client</source>
        <translation>Server → Client anhalten</translation>
    </message>
    <message>
        <source>&amp;Release</source>
        <translation>&amp;Freigeben</translation>
    </message>
    <message>
        <source>Release &amp;all</source>
        <translation>&amp;Alle freigeben</translation>
    </message>
    <message>
        <source>&amp;Drop</source>
        <translation>&amp;Verwerfen</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>Hold what the client sends, message by message, until you release it; later bytes wait behind it</source>
        <translation>Was der Client sendet, Nachricht für Nachricht anhalten, bis Sie es freigeben; spätere Bytes warten dahinter</translation>
    </message>
    <message>
        <source>Hold what the server sends, message by message, until you release it; later bytes wait behind it</source>
        <translation>Was der Server sendet, Nachricht für Nachricht anhalten, bis Sie es freigeben; spätere Bytes warten dahinter</translation>
    </message>
    <message>
        <source>How held bytes are cut into messages; chosen when holding starts</source>
        <translation>Wie angehaltene Bytes in Nachrichten geteilt werden; gilt ab Beginn des Anhaltens</translation>
    </message>
    <message>
        <source>Held messages</source>
        <translation>Angehaltene Nachrichten</translation>
    </message>
    <message>
        <source>000 (edited)</source>
        <translation>000 (bearbeitet)</translation>
    </message>
    <message>
        <source>server → client</source>
        <translation>Server → Client</translation>
    </message>
    <message>
        <source>Let the selected message go; it leaves once everything before it has</source>
        <translation>Die gewählte Nachricht freigeben; sie geht, sobald alles vor ihr gegangen ist</translation>
    </message>
    <message>
        <source>Never send the selected message</source>
        <translation>Die gewählte Nachricht nie senden</translation>
    </message>
    <message>
        <source>Change the selected message before it goes, as text or hex; a length prefix is rewritten to fit</source>
        <translation>Die gewählte Nachricht vor dem Senden ändern, als Text oder Hex; ein Längenpräfix wird angepasst</translation>
    </message>
    <message>
        <source>Edit message %1</source>
        <translation>Nachricht %1 bearbeiten</translation>
    </message>
    <message>
        <source>Inject a message to the server</source>
        <translation>Eine Nachricht an den Server senden</translation>
    </message>
    <message>
        <source>Inject a message to the client</source>
        <translation>Eine Nachricht an den Client senden</translation>
    </message>
    <message>
        <source>Select a relay connection. A listener that forwards (Listen… → Forward to…) makes a pair for each client; here you hold its messages, edit, drop or inject them.</source>
        <translation>Wählen Sie eine Relay-Verbindung. Ein weiterleitender Listener (Lauschen… → Weiterleiten an…) bildet für jeden Client ein Paar; hier halten Sie dessen Nachrichten an, bearbeiten, verwerfen oder fügen welche ein.</translation>
    </message>
    <message>
        <source>&amp;Inject</source>
        <translation>&amp;Einfügen</translation>
    </message>
    <message>
        <source>Send a new message to the server or the client, framed, behind what is held that way</source>
        <translation>Eine neue Nachricht an den Server oder den Client senden, gerahmt, hinter dem in dieser Richtung Angehaltenen</translation>
    </message>
    <message>
        <source>To the &amp;server…</source>
        <translation>An den &amp;Server…</translation>
    </message>
    <message>
        <source>To the &amp;client…</source>
        <translation>An den &amp;Client…</translation>
    </message>
    <message>
        <source>Relay pair #%1 (client&apos;s leg) ↔ #%2 (upstream leg)</source>
        <translation>Relay-Paar #%1 (Seite des Clients) ↔ #%2 (Seite zum Server)</translation>
    </message>
    <message>
        <source>Relay pair #%1 ↔ #%2, in a saved session: nothing can be held.</source>
        <translation>Relay-Paar #%1 ↔ #%2 in einer gespeicherten Sitzung: Hier kann nichts angehalten werden.</translation>
    </message>
</context>
<context>
    <name>sockscope::KeepPolicyEdit</name>
    <message>
        <source>Everything</source>
        <translation>Alles</translation>
    </message>
    <message>
        <source>The first bytes of each direction</source>
        <translation>Die ersten Bytes jeder Richtung</translation>
    </message>
    <message>
        <source>Counts only, no payload</source>
        <translation>Nur Zähler, keine Nutzdaten</translation>
    </message>
    <message>
        <source>Keep payload</source>
        <translation>Nutzdaten behalten</translation>
    </message>
    <message>
        <source>How much of each connection&apos;s payload the capture keeps, like Wireshark&apos;s snapshot length. Byte counts stay exact either way; what is not kept is counted as dropped on its connection.</source>
        <translation>Wie viel der Nutzdaten jeder Verbindung die Aufzeichnung behält, wie Wiresharks Snapshot-Länge. Die Bytezähler bleiben in jedem Fall genau; was nicht behalten wird, zählt an seiner Verbindung als verworfen.</translation>
    </message>
    <message>
        <source> KiB</source>
        <translation> KiB</translation>
    </message>
    <message>
        <source>Bytes kept of each direction</source>
        <translation>Behaltene Bytes jeder Richtung</translation>
    </message>
</context>
<context>
    <name>sockscope::ListenerActions</name>
    <message>
        <source>&amp;Resume accepting</source>
        <translation>Annehmen &amp;fortsetzen</translation>
    </message>
    <message>
        <source>Accept the connections waiting in the kernel&apos;s queue</source>
        <translation>Die Verbindungen annehmen, die in der Warteschlange des Kernels warten</translation>
    </message>
    <message>
        <source>&amp;Pause accepting</source>
        <translation>Annehmen &amp;pausieren</translation>
    </message>
    <message>
        <source>Stop calling accept(): the kernel still completes connections and queues them, up to the backlog</source>
        <translation>accept() nicht mehr aufrufen: Der Kernel baut Verbindungen weiter auf und reiht sie ein, bis zum Backlog</translation>
    </message>
    <message>
        <source>&amp;Who can reach this?…</source>
        <translation>&amp;Wer erreicht das?…</translation>
    </message>
</context>
<context>
    <name>sockscope::ListenerDialog</name>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Start listener</source>
        <translation>Listener starten</translation>
    </message>
    <message>
        <source>Bind address</source>
        <translation>Bind-Adresse</translation>
    </message>
    <message>
        <source>Who can reach the listener: localhost is this machine only, 0.0.0.0 every IPv4 interface, :: every interface (IPv6 and IPv4), or one interface&apos;s address.</source>
        <translation>Wer den Listener erreicht: localhost nur dieser Rechner, 0.0.0.0 jede IPv4-Schnittstelle, :: jede Schnittstelle (IPv6 und IPv4) oder die Adresse einer Schnittstelle.</translation>
    </message>
    <message>
        <source>any free port</source>
        <translation>beliebiger freier Port</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>0 lets the kernel pick a free port; the real port appears in the connections list.</source>
        <translation>Bei 0 wählt der Kernel einen freien Port; der tatsächliche Port erscheint in der Verbindungsliste.</translation>
    </message>
    <message>
        <source>Ports below 1024 are privileged: binding them needs root or CAP_NET_BIND_SERVICE.</source>
        <translation>Ports unter 1024 sind privilegiert: Zum Binden braucht es root oder CAP_NET_BIND_SERVICE.</translation>
    </message>
    <message>
        <source>Backlog</source>
        <translation>Backlog</translation>
    </message>
    <message>
        <source>How many connections the kernel queues before they are accepted (capped by net.core.somaxconn).</source>
        <translation>Wie viele Verbindungen der Kernel einreiht, bevor sie angenommen werden (begrenzt durch net.core.somaxconn).</translation>
    </message>
    <message>
        <source>Manual: I type the answers</source>
        <translation>Manuell: Ich tippe die Antworten</translation>
    </message>
    <message>
        <source>Echo: send back what arrives</source>
        <translation>Echo: zurücksenden, was ankommt</translation>
    </message>
    <message>
        <source>Discard: read and ignore</source>
        <translation>Verwerfen: lesen und ignorieren</translation>
    </message>
    <message>
        <source>Reply: send a file to each client</source>
        <translation>Antwort: jedem Client eine Datei senden</translation>
    </message>
    <message>
        <source>Responder</source>
        <translation>Antwortverhalten</translation>
    </message>
    <message>
        <source>How the listener answers accepted connections by itself.</source>
        <translation>Wie der Listener angenommene Verbindungen selbst beantwortet.</translation>
    </message>
    <message>
        <source>Reply file</source>
        <translation>Antwortdatei</translation>
    </message>
    <message>
        <source>File whose bytes each client receives</source>
        <translation>Datei, deren Bytes jeder Client erhält</translation>
    </message>
    <message>
        <source>Browse for reply file</source>
        <translation>Antwortdatei auswählen</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>&amp;Backlog:</source>
        <translation>&amp;Backlog:</translation>
    </message>
    <message>
        <source>&amp;Responder:</source>
        <translation>Antwort&amp;verhalten:</translation>
    </message>
    <message>
        <source>Reply &amp;file:</source>
        <translation>Antwort&amp;datei:</translation>
    </message>
    <message>
        <source>localhost (127.0.0.1)</source>
        <translation>localhost (127.0.0.1)</translation>
    </message>
    <message>
        <source>All IPv4 (0.0.0.0)</source>
        <translation>Alle IPv4 (0.0.0.0)</translation>
    </message>
    <message>
        <source>All IPv6 + IPv4 (::)</source>
        <translation>Alle IPv6 + IPv4 (::)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Choose the file to send to each client.</source>
        <translation>Wählen Sie die Datei, die jeder Client erhält.</translation>
    </message>
    <message>
        <source>&amp;Keep payload:</source>
        <translation>&amp;Nutzdaten behalten:</translation>
    </message>
    <message>
        <source>localhost, any free port, the default backlog, Manual</source>
        <translation>localhost, ein freier Port, der Standard-Backlog, Manuell</translation>
    </message>
    <message>
        <source>&apos;%1&apos; cannot be sent: %2.</source>
        <translation>&apos;%1&apos; kann nicht gesendet werden: %2.</translation>
    </message>
    <message>
        <source>Forward to…: relay each client to a server</source>
        <translation>Weiterleiten an…: jeden Client zu einem Server durchreichen</translation>
    </message>
    <message>
        <source>Forward to</source>
        <translation>Weiterleiten an</translation>
    </message>
    <message>
        <source>HOST:PORT of the server, e.g. 127.0.0.1:8080</source>
        <translation>HOST:PORT des Servers, z. B. 127.0.0.1:8080</translation>
    </message>
    <message>
        <source>Each accepted connection opens its own connection to this server, and SockScope relays between the two, showing both.</source>
        <translation>Jede angenommene Verbindung öffnet eine eigene Verbindung zu diesem Server, und SockScope reicht zwischen beiden durch und zeigt beide.</translation>
    </message>
    <message>
        <source>&amp;Forward to:</source>
        <translation>&amp;Weiterleiten an:</translation>
    </message>
    <message>
        <source>Type the server to forward to, as HOST:PORT.</source>
        <translation>Geben Sie den Zielserver als HOST:PORT ein.</translation>
    </message>
    <message>
        <source>Rewrite rules</source>
        <translation>Ersetzungsregeln</translation>
    </message>
    <message>
        <source>Optional, one rule per line, e.g. up:s/secret/******/</source>
        <translation>Optional, eine Regel pro Zeile, z. B. up:s/secret/******/</translation>
    </message>
    <message>
        <source>Match and replace on the relayed bytes, as --rewrite: [up:|down:|both:] then s/TEXT/TEXT/ (with escapes \r \n \xHH), x/HEX/HEX/ or r/REGEX/REPLACEMENT/ (per line, \1 to \9 for groups). Rules apply in order; a pattern split across reads still matches.</source>
        <translation>Suchen und Ersetzen in den durchgereichten Bytes, wie --rewrite: [up:|down:|both:], dann s/TEXT/TEXT/ (mit Escapes \r \n \xHH), x/HEX/HEX/ oder r/REGEX/ERSATZ/ (je Zeile, \1 bis \9 für Gruppen). Die Regeln gelten der Reihe nach; ein Muster, das über zwei Lesevorgänge verteilt ist, wird trotzdem gefunden.</translation>
    </message>
    <message>
        <source>Re&amp;write:</source>
        <translation>Er&amp;setzen:</translation>
    </message>
    <message>
        <source>Rule on line %1: %2</source>
        <translation>Regel in Zeile %1: %2</translation>
    </message>
    <message>
        <source>&amp;TLS to the server</source>
        <translation>&amp;TLS zum Server</translation>
    </message>
    <message>
        <source>TLS to the server</source>
        <translation>TLS zum Server</translation>
    </message>
    <message>
        <source>Each relay connects to the server with TLS (forward-tls) and shows the plaintext; whether clients use TLS to reach SockScope is the Use TLS box&apos;s choice</source>
        <translation>Jedes Relay verbindet sich mit TLS zum Server (forward-tls) und zeigt den Klartext; ob Clients SockScope mit TLS erreichen, entscheidet das Feld „TLS nutzen“</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>Rules: answer each message by a rules file</source>
        <translation>Regeln: jede Nachricht nach einer Regeldatei beantworten</translation>
    </message>
    <message>
        <source>Edit the rules, and try a message against them</source>
        <translation>Die Regeln bearbeiten und eine Nachricht an ihnen ausprobieren</translation>
    </message>
    <message>
        <source>Rules &amp;file:</source>
        <translation>Regel&amp;datei:</translation>
    </message>
    <message>
        <source>A rules file (JSON); Edit… makes one</source>
        <translation>Eine Regeldatei (JSON); Bearbeiten… legt eine an</translation>
    </message>
    <message>
        <source>Choose a rules file, or Edit… to write one.</source>
        <translation>Eine Regeldatei wählen, oder mit Bearbeiten… eine schreiben.</translation>
    </message>
</context>
<context>
    <name>sockscope::LiveControls</name>
    <message>
        <source>Recording stopped: %1</source>
        <translation>Aufzeichnung gestoppt: %1</translation>
    </message>
    <message>
        <source>Connection #%1 cannot be connected again: it was not started in this window.</source>
        <translation>Verbindung #%1 kann nicht erneut verbunden werden: Sie wurde nicht in diesem Fenster gestartet.</translation>
    </message>
</context>
<context>
    <name>sockscope::MainMenus</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Listen…</source>
        <translation>Auf Port &amp;lauschen…</translation>
    </message>
    <message>
        <source>Start a listening socket</source>
        <translation>Einen lauschenden Socket starten</translation>
    </message>
    <message>
        <source>&amp;Connect…</source>
        <translation>&amp;Verbinden…</translation>
    </message>
    <message>
        <source>Connect to a server</source>
        <translation>Mit einem Server verbinden</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>Ei&amp;nstellungen…</translation>
    </message>
    <message>
        <source>Capture budget, capture folder, default keep policy</source>
        <translation>Mitschnitt-Budget, Mitschnitt-Ordner, Standard für „Nutzdaten behalten“</translation>
    </message>
    <message>
        <source>C&amp;lose window</source>
        <translation>Fenster sch&amp;ließen</translation>
    </message>
    <message>
        <source>Close this saved session</source>
        <translation>Diese gespeicherte Sitzung schließen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Quit SockScope</source>
        <translation>SockScope beenden</translation>
    </message>
    <message>
        <source>Session exported to %1</source>
        <translation>Sitzung nach %1 exportiert</translation>
    </message>
    <message numerus="yes">
        <source>TLS keys of %n handshake(s) saved to %1</source>
        <translation>
            <numerusform>TLS-Schlüssel von %n Handshake in %1 gespeichert</numerusform>
            <numerusform>TLS-Schlüssel von %n Handshakes in %1 gespeichert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>TLS keys of %n handshake(s) saved to %1; later handshakes&apos; keys are added as they end</source>
        <translation>
            <numerusform>TLS-Schlüssel von %n Handshake in %1 gespeichert; die Schlüssel späterer Handshakes kommen hinzu, sobald diese enden</numerusform>
            <numerusform>TLS-Schlüssel von %n Handshakes in %1 gespeichert; die Schlüssel späterer Handshakes kommen hinzu, sobald diese enden</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Connection</source>
        <translation>&amp;Verbindung</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Senden</translation>
    </message>
    <message>
        <source>Send the send box&apos;s contents to the selected connection</source>
        <translation>Den Inhalt des Sendefelds an die gewählte Verbindung senden</translation>
    </message>
    <message>
        <source>&amp;Half-close</source>
        <translation>&amp;Halb schließen</translation>
    </message>
    <message>
        <source>Shut down our sending side of the selected connection (FIN)</source>
        <translation>Unsere Senderichtung der gewählten Verbindung schließen (FIN)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>S&amp;chließen</translation>
    </message>
    <message>
        <source>Close the selected connection, or cancel its connect</source>
        <translation>Die gewählte Verbindung schließen oder ihren Verbindungsaufbau abbrechen</translation>
    </message>
    <message>
        <source>A&amp;bort (RST)</source>
        <translation>&amp;Zurücksetzen (RST)</translation>
    </message>
    <message>
        <source>Reset the selected connection: the peer gets an RST, and whatever is still queued is dropped</source>
        <translation>Die gewählte Verbindung zurücksetzen: Die Gegenseite erhält ein RST, und was noch wartet, wird verworfen</translation>
    </message>
    <message>
        <source>Clear c&amp;losed</source>
        <translation>&amp;Geschlossene entfernen</translation>
    </message>
    <message>
        <source>Remove closed connections and stopped listeners from the list</source>
        <translation>Geschlossene Verbindungen und gestoppte Listener aus der Liste entfernen</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Find in traffic…</source>
        <translation>Im Verkehr &amp;suchen…</translation>
    </message>
    <message>
        <source>Find or filter the traffic by text, hex bytes, direction or listener</source>
        <translation>Den Verkehr nach Text, Hex-Bytes, Richtung oder Listener durchsuchen oder filtern</translation>
    </message>
    <message>
        <source>Clear &amp;traffic and events</source>
        <translation>Verkehr und Ereignisse &amp;leeren</translation>
    </message>
    <message>
        <source>Empty the traffic and event lists; the export still has everything</source>
        <translation>Verkehrs- und Ereignisliste leeren; der Export enthält weiterhin alles</translation>
    </message>
    <message>
        <source>Show every TCP socket of this machine, like ss -tanp (F6)</source>
        <translation>Jeden TCP-Socket dieses Rechners zeigen, wie ss -tanp (F6)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
</context>
<context>
    <name>sockscope::MainWindow</name>
    <message>
        <source>SockScope — %1 (read-only)</source>
        <translation>SockScope — %1 (schreibgeschützt)</translation>
    </message>
    <message>
        <source>SockScope</source>
        <translation>SockScope</translation>
    </message>
    <message>
        <source>System sockets</source>
        <translation>System-Sockets</translation>
    </message>
</context>
<context>
    <name>sockscope::MessageLibrary</name>
    <message>
        <source> (Alt+%1)</source>
        <translation> (Alt+%1)</translation>
    </message>
    <message>
        <source>hex</source>
        <translation>Hex</translation>
    </message>
    <message>
        <source>text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>%1%2, %3: %4</source>
        <translation>%1%2, %3: %4</translation>
    </message>
    <message>
        <source>Cannot write &apos;%1&apos;: %2</source>
        <translation>„%1“ kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>sockscope::MessageLibraryBar</name>
    <message>
        <source>Sav&amp;ed:</source>
        <translation>Gespei&amp;chert:</translation>
    </message>
    <message>
        <source>Saved messages</source>
        <translation>Gespeicherte Nachrichten</translation>
    </message>
    <message>
        <source>No saved messages</source>
        <translation>Keine gespeicherten Nachrichten</translation>
    </message>
    <message>
        <source>Messages saved with &quot;Save current as…&quot;; Alt+1 to Alt+9 send the first nine</source>
        <translation>Mit „Aktuelle speichern unter…“ gespeicherte Nachrichten; Alt+1 bis Alt+9 senden die ersten neun</translation>
    </message>
    <message>
        <source>Send saved message</source>
        <translation>Gespeicherte Nachricht senden</translation>
    </message>
    <message>
        <source>Send the chosen saved message (Alt+1 to Alt+9: the first nine)</source>
        <translation>Die gewählte gespeicherte Nachricht senden (Alt+1 bis Alt+9: die ersten neun)</translation>
    </message>
    <message>
        <source>&amp;Save current as…</source>
        <translation>Aktuelle &amp;speichern unter…</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>&amp;Umbenennen…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren…</translation>
    </message>
    <message>
        <source>Add the messages of a JSON file</source>
        <translation>Die Nachrichten einer JSON-Datei hinzufügen</translation>
    </message>
    <message>
        <source>Write every saved message to a JSON file</source>
        <translation>Alle gespeicherten Nachrichten in eine JSON-Datei schreiben</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Saved messages menu</source>
        <translation>Menü der gespeicherten Nachrichten</translation>
    </message>
    <message>
        <source>Save, rename, delete, import and export saved messages</source>
        <translation>Gespeicherte Nachrichten speichern, umbenennen, löschen, importieren und exportieren</translation>
    </message>
    <message>
        <source>Save message</source>
        <translation>Nachricht speichern</translation>
    </message>
    <message>
        <source>Name of the saved message (a saved name is replaced):</source>
        <translation>Name der gespeicherten Nachricht (ein vorhandener Name wird ersetzt):</translation>
    </message>
    <message>
        <source>Saved as &apos;%1&apos;.</source>
        <translation>Als „%1“ gespeichert.</translation>
    </message>
    <message>
        <source>Rename message</source>
        <translation>Nachricht umbenennen</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>Neuer Name:</translation>
    </message>
    <message>
        <source>A saved message is already named &apos;%1&apos;.</source>
        <translation>Eine gespeicherte Nachricht heißt bereits „%1“.</translation>
    </message>
    <message>
        <source>Deleted &apos;%1&apos;.</source>
        <translation>„%1“ gelöscht.</translation>
    </message>
    <message>
        <source>Import saved messages</source>
        <translation>Gespeicherte Nachrichten importieren</translation>
    </message>
    <message>
        <source>JSON files (*.json);;All files (*)</source>
        <translation>JSON-Dateien (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Imported 1 message.</source>
        <translation>1 Nachricht importiert.</translation>
    </message>
    <message>
        <source>Imported %1 messages.</source>
        <translation>%1 Nachrichten importiert.</translation>
    </message>
    <message>
        <source>Export saved messages</source>
        <translation>Gespeicherte Nachrichten exportieren</translation>
    </message>
    <message>
        <source>Exported %1 saved messages to %2.</source>
        <translation>%1 gespeicherte Nachrichten nach %2 exportiert.</translation>
    </message>
</context>
<context>
    <name>sockscope::NoticeBanner</name>
    <message>
        <source>Notice</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>Notice message</source>
        <translation>Hinweistext</translation>
    </message>
    <message>
        <source>Notice action</source>
        <translation>Hinweisaktion</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Ausblenden</translation>
    </message>
    <message>
        <source>Dismiss notice</source>
        <translation>Hinweis ausblenden</translation>
    </message>
</context>
<context>
    <name>sockscope::OpenSessionAction</name>
    <message>
        <source>&amp;Open session…</source>
        <translation>Sitzung ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Show a saved JSON Lines session, read-only, in a new window (%1)</source>
        <translation>Eine gespeicherte JSON-Lines-Sitzung schreibgeschützt in einem neuen Fenster zeigen (%1)</translation>
    </message>
    <message>
        <source>Show a saved JSON Lines session, read-only, in a new window</source>
        <translation>Eine gespeicherte JSON-Lines-Sitzung schreibgeschützt in einem neuen Fenster zeigen</translation>
    </message>
    <message>
        <source>Cannot open session</source>
        <translation>Sitzung kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>%1 cannot be shown.

%2</source>
        <translation>%1 kann nicht gezeigt werden.

%2</translation>
    </message>
    <message>
        <source>Open session</source>
        <translation>Sitzung öffnen</translation>
    </message>
    <message>
        <source>SockScope sessions (*.jsonl *.json);;All files (*)</source>
        <translation>SockScope-Sitzungen (*.jsonl *.json);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>sockscope::PayloadEditDialog</name>
    <message>
        <source>Text with escapes (\r \n \t \xHH)</source>
        <translation>Text mit Escapes (\r \n \t \xHH)</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>Hex</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Format:</translation>
    </message>
</context>
<context>
    <name>sockscope::PayloadText</name>
    <message>
        <source>odd number of hex digits (%1) in the group at position %2</source>
        <translation>ungerade Anzahl Hex-Ziffern (%1) in der Gruppe an Position %2</translation>
    </message>
    <message>
        <source>too much hex: more than %1 MiB of digits</source>
        <translation>zu viel Hex: mehr als %1 MiB an Ziffern</translation>
    </message>
    <message>
        <source>invalid character %1 at position %2</source>
        <translation>ungültiges Zeichen %1 an Position %2</translation>
    </message>
    <message>
        <source>lone backslash at position %1, the end (write \\ for a backslash)</source>
        <translation>einzelner Backslash an Position %1, am Ende (\\ für einen Backslash schreiben)</translation>
    </message>
    <message>
        <source>\x at position %1 needs two hex digits (\x04, not \x4)</source>
        <translation>\x an Position %1 braucht zwei Hex-Ziffern (\x04, nicht \x4)</translation>
    </message>
    <message>
        <source>\u at position %1 needs 1 to 6 hex digits in braces, as in \u{202e}</source>
        <translation>\u an Position %1 braucht 1 bis 6 Hex-Ziffern in geschweiften Klammern, wie in \u{202e}</translation>
    </message>
    <message>
        <source>\u{%1} at position %2 is no character (a surrogate, or above 10ffff)</source>
        <translation>\u{%1} an Position %2 ist kein Zeichen (ein Surrogat oder über 10ffff)</translation>
    </message>
    <message>
        <source>unknown escape \%1 at position %2 (use \n \r \t \0 \\ \xHH or \u{hhhh}; \\ for a backslash)</source>
        <translation>unbekanntes Escape \%1 an Position %2 (\n \r \t \0 \\ \xHH oder \u{hhhh} verwenden; \\ für einen Backslash)</translation>
    </message>
</context>
<context>
    <name>sockscope::Preferences</name>
    <message>
        <source>The capture folder set in Preferences, %1, does not exist; capturing in the system temp folder instead.</source>
        <translation>Der in den Einstellungen gewählte Mitschnitt-Ordner %1 existiert nicht; stattdessen wird im temporären Ordner des Systems mitgeschnitten.</translation>
    </message>
    <message>
        <source>The capture folder set in Preferences, %1, is not a folder; capturing in the system temp folder instead.</source>
        <translation>Der in den Einstellungen gewählte Mitschnitt-Ordner %1 ist kein Ordner; stattdessen wird im temporären Ordner des Systems mitgeschnitten.</translation>
    </message>
    <message>
        <source>The capture folder set in Preferences, %1, is not writable; capturing in the system temp folder instead.</source>
        <translation>Der in den Einstellungen gewählte Mitschnitt-Ordner %1 ist nicht beschreibbar; stattdessen wird im temporären Ordner des Systems mitgeschnitten.</translation>
    </message>
</context>
<context>
    <name>sockscope::PreferencesDialog</name>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Capture budget</source>
        <translation>Mitschnitt-Budget</translation>
    </message>
    <message>
        <source>Disk for captured payload: auto (half the capture folder&apos;s free space, at most 4 GiB), or a size such as 512M or 2G. Beyond it the busiest connections lose their oldest data first; every connection keeps its first 64 KiB each way.</source>
        <translation>Plattenplatz für mitgeschnittene Nutzdaten: auto (die Hälfte des freien Platzes im Mitschnitt-Ordner, höchstens 4 GiB) oder eine Größe wie 512M oder 2G. Darüber hinaus verlieren die geschäftigsten Verbindungen zuerst ihre ältesten Daten; jede Verbindung behält ihre ersten 64 KiB je Richtung.</translation>
    </message>
    <message>
        <source>Capture folder</source>
        <translation>Mitschnitt-Ordner</translation>
    </message>
    <message>
        <source>The system temp folder (%1)</source>
        <translation>Der temporäre Ordner des Systems (%1)</translation>
    </message>
    <message>
        <source>Where the capture file goes. It is deleted when SockScope exits, even after a crash.</source>
        <translation>Wohin die Mitschnittdatei kommt. Sie wird gelöscht, wenn SockScope endet, auch nach einem Absturz.</translation>
    </message>
    <message>
        <source>Browse for capture folder</source>
        <translation>Mitschnitt-Ordner auswählen</translation>
    </message>
    <message>
        <source>The budget and the folder apply from the next start. The keep policy applies to the listeners and clients you start from now on.</source>
        <translation>Budget und Ordner gelten ab dem nächsten Start. „Nutzdaten behalten“ gilt für die Listener und Clients, die Sie ab jetzt starten.</translation>
    </message>
    <message>
        <source>On the command line, &lt;nobr&gt;--capture-budget&lt;/nobr&gt;, &lt;nobr&gt;--capture-dir&lt;/nobr&gt; and &lt;nobr&gt;--keep&lt;/nobr&gt; override these. &lt;nobr&gt;--headless&lt;/nobr&gt; ignores them, so that a script runs the same everywhere.</source>
        <translation>Auf der Kommandozeile haben &lt;nobr&gt;--capture-budget&lt;/nobr&gt;, &lt;nobr&gt;--capture-dir&lt;/nobr&gt; und &lt;nobr&gt;--keep&lt;/nobr&gt; Vorrang. &lt;nobr&gt;--headless&lt;/nobr&gt; ignoriert diese Einstellungen, damit ein Skript überall gleich läuft.</translation>
    </message>
    <message>
        <source>Capture &amp;budget:</source>
        <translation>Mitschnitt-&amp;Budget:</translation>
    </message>
    <message>
        <source>Capture &amp;folder:</source>
        <translation>Mitschnitt-&amp;Ordner:</translation>
    </message>
    <message>
        <source>Default &amp;keep payload:</source>
        <translation>Standard für &amp;Nutzdaten behalten:</translation>
    </message>
    <message>
        <source>auto, the system temp folder, keep everything</source>
        <translation>auto, der temporäre Ordner des Systems, alles behalten</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a size: use auto, or a number with K, M or G, such as 2G.</source>
        <translation>„%1“ ist keine Größe: Verwenden Sie auto oder eine Zahl mit K, M oder G, etwa 2G.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; does not exist.</source>
        <translation>„%1“ existiert nicht.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a folder.</source>
        <translation>„%1“ ist kein Ordner.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not writable.</source>
        <translation>„%1“ ist nicht beschreibbar.</translation>
    </message>
</context>
<context>
    <name>sockscope::ReadOnlyBanner</name>
    <message>
        <source>Read-only session</source>
        <translation>Schreibgeschützte Sitzung</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>Information</translation>
    </message>
    <message>
        <source>Read-only: the saved session %1. Listening, connecting and sending are off in this window; Export writes this session.</source>
        <translation>Schreibgeschützt: die gespeicherte Sitzung %1. Lauschen, Verbinden und Senden sind in diesem Fenster abgeschaltet; Exportieren schreibt diese Sitzung.</translation>
    </message>
    <message>
        <source>
While reading it, %1.</source>
        <translation>
Beim Lesen: %1.</translation>
    </message>
</context>
<context>
    <name>sockscope::RecentFilesMenu</name>
    <message>
        <source>Open Rec&amp;ent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;%1 %2  (%3)</source>
        <translation>&amp;%1 %2  (%3)</translation>
    </message>
    <message>
        <source>Open %1 read-only in a new window</source>
        <translation>%1 schreibgeschützt in einem neuen Fenster öffnen</translation>
    </message>
    <message>
        <source>No recent sessions</source>
        <translation>Keine zuletzt geöffneten Sitzungen</translation>
    </message>
    <message>
        <source>&amp;Clear list</source>
        <translation>Liste &amp;leeren</translation>
    </message>
    <message>
        <source>Cannot open session</source>
        <translation>Sitzung kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>%1 no longer exists. It was moved, renamed or deleted, and is now removed from the recent sessions.</source>
        <translation>%1 existiert nicht mehr. Die Datei wurde verschoben, umbenannt oder gelöscht und wird jetzt aus den zuletzt geöffneten Sitzungen entfernt.</translation>
    </message>
</context>
<context>
    <name>sockscope::RecordAction</name>
    <message>
        <source>&amp;Record to file…</source>
        <translation>In Datei &amp;aufzeichnen…</translation>
    </message>
    <message>
        <source>Write every event to a JSON Lines file while the session runs</source>
        <translation>Jedes Ereignis in eine JSON-Lines-Datei schreiben, während die Sitzung läuft</translation>
    </message>
    <message>
        <source>Record to file</source>
        <translation>In Datei aufzeichnen</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl)</source>
        <translation>JSON Lines (*.jsonl)</translation>
    </message>
</context>
<context>
    <name>sockscope::RepeatSender</name>
    <message>
        <source>A repeat is running already: stop it first.</source>
        <translation>Eine Wiederholung läuft bereits: Stoppen Sie sie zuerst.</translation>
    </message>
    <message>
        <source>Nothing to repeat.</source>
        <translation>Nichts zu wiederholen.</translation>
    </message>
    <message>
        <source>Stopped after %1 of %2.</source>
        <translation>Nach %1 von %2 gestoppt.</translation>
    </message>
    <message>
        <source>Stopped after %1 of %2: %3.</source>
        <translation>Nach %1 von %2 gestoppt: %3.</translation>
    </message>
    <message>
        <source>Sent %1 times to connection #%2.</source>
        <translation>%1-mal an Verbindung #%2 gesendet.</translation>
    </message>
    <message>
        <source>Sent %1 times to %2 connections.</source>
        <translation>%1-mal an %2 Verbindungen gesendet.</translation>
    </message>
</context>
<context>
    <name>sockscope::ReplayAction</name>
    <message>
        <source>Re&amp;play session…</source>
        <translation>Sitzung &amp;wiedergeben…</translation>
    </message>
    <message>
        <source>Play this session&apos;s conversations as their client against a live server and show where its answers differ</source>
        <translation>Die Gespräche dieser Sitzung als ihr Client gegen einen laufenden Server abspielen und zeigen, wo seine Antworten abweichen</translation>
    </message>
    <message>
        <source>Re&amp;play connection…</source>
        <translation>Verbindung &amp;wiedergeben…</translation>
    </message>
    <message>
        <source>Play the selected connection&apos;s conversation as its client against a live server and show where its answers differ</source>
        <translation>Das Gespräch der gewählten Verbindung als ihr Client gegen einen laufenden Server abspielen und zeigen, wo seine Antworten abweichen</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>Wiedergabe</translation>
    </message>
    <message>
        <source>The conversations hold more than %1 MiB, too much to replay in the window. Export the session as JSON Lines and use sockscope --replay.</source>
        <translation>Die Gespräche enthalten mehr als %1 MiB, zu viel für eine Wiedergabe im Fenster. Exportieren Sie die Sitzung als JSON Lines und verwenden Sie sockscope --replay.</translation>
    </message>
    <message>
        <source>Connection #%1 has no conversation of its own to replay (a relay&apos;s upstream leg is replayed through its client leg).</source>
        <translation>Verbindung #%1 hat kein eigenes Gespräch zum Wiedergeben (der Upstream-Zweig eines Relays wird über seinen Client-Zweig wiedergegeben).</translation>
    </message>
    <message>
        <source>This session has no conversation to replay yet.</source>
        <translation>Diese Sitzung hat noch kein Gespräch zum Wiedergeben.</translation>
    </message>
</context>
<context>
    <name>sockscope::ReplayWindow</name>
    <message>
        <source>✔ matched</source>
        <translation>✔ gleich</translation>
    </message>
    <message>
        <source>✘ differs at turn %1</source>
        <translation>✘ weicht in Zug %1 ab</translation>
    </message>
    <message>
        <source>✘ unreachable</source>
        <translation>✘ nicht erreichbar</translation>
    </message>
    <message>
        <source>&amp;Replay</source>
        <translation>&amp;Wiedergeben</translation>
    </message>
    <message>
        <source>Recorded bytes</source>
        <translation>Aufgezeichnete Bytes</translation>
    </message>
    <message>
        <source>Received bytes</source>
        <translation>Empfangene Bytes</translation>
    </message>
    <message>
        <source>Replay against a live server</source>
        <translation>Wiedergabe gegen einen laufenden Server</translation>
    </message>
    <message>
        <source>host:port of the server to test</source>
        <translation>Host:Port des zu testenden Servers</translation>
    </message>
    <message>
        <source>As fast as possible</source>
        <translation>So schnell wie möglich</translation>
    </message>
    <message>
        <source>Original pauses</source>
        <translation>Ursprüngliche Pausen</translation>
    </message>
    <message>
        <source>Original pauses, scaled</source>
        <translation>Ursprüngliche Pausen, skaliert</translation>
    </message>
    <message>
        <source>e.g. id=[0-9a-f]+  (regular expressions, separated by ||)</source>
        <translation>z. B. id=[0-9a-f]+  (reguläre Ausdrücke, getrennt durch ||)</translation>
    </message>
    <message>
        <source>Volatile fields of the server&apos;s answers (dates, ids) that are not compared; several separated by ||</source>
        <translation>Veränderliche Felder der Serverantworten (Datum, IDs), die nicht verglichen werden; mehrere getrennt durch ||</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>&amp;Timing:</source>
        <translation>&amp;Zeitverhalten:</translation>
    </message>
    <message>
        <source>&amp;Masks:</source>
        <translation>&amp;Masken:</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Gespräche</translation>
    </message>
    <message>
        <source>Conn</source>
        <translation>Verb.</translation>
    </message>
    <message>
        <source>Turns</source>
        <translation>Züge</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <source>not replayed</source>
        <translation>nicht wiedergegeben</translation>
    </message>
    <message>
        <source>The conversation&apos;s turns</source>
        <translation>Die Züge des Gesprächs</translation>
    </message>
    <message>
        <source>Turn</source>
        <translation>Zug</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Richtung</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>Bytes</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Recorded (from the first byte that differs)</source>
        <translation>Aufgezeichnet (ab dem ersten abweichenden Byte)</translation>
    </message>
    <message>
        <source>Received (from the same byte)</source>
        <translation>Empfangen (ab demselben Byte)</translation>
    </message>
    <message>
        <source>Turns of the conversation</source>
        <translation>Züge des Gesprächs</translation>
    </message>
    <message>
        <source>Conversations to replay as their client: %1</source>
        <translation>Als ihr Client wiederzugebende Gespräche: %1</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>Server: %1</translation>
    </message>
    <message>
        <source>port 0 cannot be connected to</source>
        <translation>mit Port 0 kann nicht verbunden werden</translation>
    </message>
    <message>
        <source>Mask &apos;%1&apos; is not a regular expression: %2</source>
        <translation>Maske „%1“ ist kein regulärer Ausdruck: %2</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>wartet</translation>
    </message>
    <message>
        <source>Replaying against %1…</source>
        <translation>Wiedergabe gegen %1…</translation>
    </message>
    <message>
        <source>All %1 conversations matched the recording.</source>
        <translation>Alle %1 Gespräche stimmten mit der Aufzeichnung überein.</translation>
    </message>
    <message>
        <source>%1 of %2 conversations matched the recording.</source>
        <translation>%1 von %2 Gesprächen stimmten mit der Aufzeichnung überein.</translation>
    </message>
    <message>
        <source>&amp;Replay again</source>
        <translation>&amp;Erneut wiedergeben</translation>
    </message>
    <message>
        <source>client → server</source>
        <translation>Client → Server</translation>
    </message>
    <message>
        <source>server → client</source>
        <translation>Server → Client</translation>
    </message>
    <message>
        <source>Not replayed yet.</source>
        <translation>Noch nicht wiedergegeben.</translation>
    </message>
    <message>
        <source>Every answer of the server matched the recording.</source>
        <translation>Jede Antwort des Servers stimmte mit der Aufzeichnung überein.</translation>
    </message>
    <message>
        <source>The server could not be reached: %1</source>
        <translation>Der Server war nicht erreichbar: %1</translation>
    </message>
    <message>
        <source>Turn %1 differs at byte %2%3</source>
        <translation>Zug %1 weicht bei Byte %2 ab%3</translation>
    </message>
    <message>
        <source>T&amp;LS</source>
        <translation>T&amp;LS</translation>
    </message>
    <message>
        <source>&amp;Verify its certificate</source>
        <translation>Zertifikat &amp;prüfen</translation>
    </message>
    <message>
        <source>Talk TLS to the server, as a TLS client of the session would</source>
        <translation>Mit dem Server TLS sprechen, wie es ein TLS-Client der Sitzung täte</translation>
    </message>
    <message>
        <source>Check the server&apos;s chain against the system&apos;s CAs and its name</source>
        <translation>Die Zertifikatskette des Servers gegen die CAs des Systems und seinen Namen prüfen</translation>
    </message>
</context>
<context>
    <name>sockscope::RulesEditor</name>
    <message>
        <source>New rules</source>
        <translation>Neue Regeln</translation>
    </message>
    <message>
        <source>Rules — %1</source>
        <translation>Regeln — %1</translation>
    </message>
    <message>
        <source>Rules as JSON</source>
        <translation>Regeln als JSON</translation>
    </message>
    <message>
        <source>Try a message</source>
        <translation>Eine Nachricht ausprobieren</translation>
    </message>
    <message>
        <source>A message as the client would send it, e.g. LOGIN bob</source>
        <translation>Eine Nachricht, wie der Client sie senden würde, z. B. LOGIN bob</translation>
    </message>
    <message>
        <source>One framed message, without its line end; escapes \r \n \t \xHH</source>
        <translation>Eine gerahmte Nachricht, ohne Zeilenende; Escapes \r \n \t \xHH</translation>
    </message>
    <message>
        <source>&amp;Try a message:</source>
        <translation>Nachricht a&amp;usprobieren:</translation>
    </message>
    <message>
        <source>The format is described in the user guide (Help → User guide, Answering by rules).</source>
        <translation>Das Format beschreibt das Benutzerhandbuch (Hilfe → Benutzerhandbuch, Antworten nach Regeln).</translation>
    </message>
    <message>
        <source>&lt;b&gt;Cannot be used:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Nicht verwendbar:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>no default: unmatched messages get no answer</source>
        <translation>keine Standardantwort: Nachrichten ohne passende Regel bleiben unbeantwortet</translation>
    </message>
    <message>
        <source>a default for the rest</source>
        <translation>eine Standardantwort für den Rest</translation>
    </message>
    <message>
        <source>Rule “%1” answers</source>
        <translation>Regel „%1“ antwortet</translation>
    </message>
    <message>
        <source>No rule matches, and there is no default</source>
        <translation>Keine Regel passt, und es gibt keine Standardantwort</translation>
    </message>
    <message>
        <source>No rule matches; the default answers</source>
        <translation>Keine Regel passt; die Standardantwort antwortet</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>(nothing)</source>
        <translation>(nichts)</translation>
    </message>
    <message>
        <source>after %1 ms</source>
        <translation>nach %1 ms</translation>
    </message>
    <message>
        <source>then half-closes</source>
        <translation>dann halb geschlossen</translation>
    </message>
    <message>
        <source>then closes</source>
        <translation>dann geschlossen</translation>
    </message>
    <message>
        <source>then resets</source>
        <translation>dann zurückgesetzt (RST)</translation>
    </message>
    <message>
        <source>(1st of a cycle of %1)</source>
        <translation>(1. eines Zyklus von %1)</translation>
    </message>
    <message>
        <source>Save rules</source>
        <translation>Regeln speichern</translation>
    </message>
    <message>
        <source>Rules (*.json);;All files (*)</source>
        <translation>Regeln (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Not saved:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Nicht gespeichert:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>Rules: %1, in order; the first that matches answers; %2.</source>
        <translation>Regeln: %1, der Reihe nach; die erste passende antwortet; %2.</translation>
    </message>
</context>
<context>
    <name>sockscope::SaveReminder</name>
    <message>
        <source>Quit SockScope</source>
        <translation>SockScope beenden</translation>
    </message>
    <message>
        <source>The captured session has not been saved.</source>
        <translation>Die aufgezeichnete Sitzung wurde nicht gespeichert.</translation>
    </message>
    <message>
        <source>Save it before quitting? Connections still open: %1; they will be closed.</source>
        <translation>Vor dem Beenden speichern? Noch offene Verbindungen: %1; sie werden geschlossen.</translation>
    </message>
    <message>
        <source>Save it before quitting?</source>
        <translation>Vor dem Beenden speichern?</translation>
    </message>
</context>
<context>
    <name>sockscope::ScenarioAction</name>
    <message>
        <source>Run &amp;scenario…</source>
        <translation>&amp;Szenario ausführen…</translation>
    </message>
    <message>
        <source>Run a scenario file&apos;s steps on a new connection, each ticked or crossed as it ends</source>
        <translation>Die Schritte einer Szenario-Datei auf einer neuen Verbindung ausführen, jeder abgehakt oder durchgestrichen, sobald er endet</translation>
    </message>
    <message>
        <source>Run scenario</source>
        <translation>Szenario ausführen</translation>
    </message>
    <message>
        <source>Scenarios (*.json);;All files (*)</source>
        <translation>Szenarien (*.json);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>sockscope::ScenarioWindow</name>
    <message>
        <source>Expected bytes</source>
        <translation>Erwartete Bytes</translation>
    </message>
    <message>
        <source>Received bytes</source>
        <translation>Empfangene Bytes</translation>
    </message>
    <message>
        <source>Scenario – %1</source>
        <translation>Szenario – %1</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>✘ failed</source>
        <translation>✘ fehlgeschlagen</translation>
    </message>
    <message>
        <source>Expected (from the first byte that differs)</source>
        <translation>Erwartet (ab dem ersten abweichenden Byte)</translation>
    </message>
    <message>
        <source>Received (from the same byte)</source>
        <translation>Empfangen (ab demselben Byte)</translation>
    </message>
    <message>
        <source>&amp;Run again</source>
        <translation>&amp;Erneut ausführen</translation>
    </message>
    <message>
        <source>Read the file again and run it on a new connection</source>
        <translation>Die Datei neu lesen und auf einer neuen Verbindung ausführen</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Anhalten</translation>
    </message>
    <message>
        <source>End the run now and close its connection</source>
        <translation>Den Lauf jetzt beenden und seine Verbindung schließen</translation>
    </message>
    <message>
        <source>Running on connection #%1…</source>
        <translation>Läuft auf Verbindung #%1…</translation>
    </message>
    <message>
        <source>%1 — %2%3</source>
        <translation>%1 — %2%3</translation>
    </message>
    <message>
        <source> (TLS)</source>
        <translation> (TLS)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>wartet</translation>
    </message>
    <message>
        <source>Running %1 steps…</source>
        <translation>%1 Schritte laufen…</translation>
    </message>
    <message>
        <source>▶ running</source>
        <translation>▶ läuft</translation>
    </message>
    <message>
        <source>✔ held</source>
        <translation>✔ erfüllt</translation>
    </message>
    <message>
        <source>– skipped</source>
        <translation>– übersprungen</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Step %1 failed at byte %2: %3</source>
        <translation>Schritt %1 scheiterte bei Byte %2: %3</translation>
    </message>
    <message>
        <source>Step %1 failed: %2</source>
        <translation>Schritt %1 scheiterte: %2</translation>
    </message>
    <message>
        <source>a match of /%1/</source>
        <translation>ein Treffer für /%1/</translation>
    </message>
    <message>
        <source>Passed: all %1 steps held.</source>
        <translation>Bestanden: alle %1 Schritte erfüllt.</translation>
    </message>
    <message>
        <source>Failed: %1 of %2 steps held before one failed.</source>
        <translation>Gescheitert: %1 von %2 Schritten erfüllt, bevor einer scheiterte.</translation>
    </message>
    <message>
        <source>No connection: the server could not be reached.</source>
        <translation>Keine Verbindung: Der Server war nicht erreichbar.</translation>
    </message>
</context>
<context>
    <name>sockscope::SendBox</name>
    <message>
        <source>Text to send</source>
        <translation>Zu sendender Text</translation>
    </message>
    <message>
        <source>Hex to send</source>
        <translation>Zu sendende Hex-Bytes</translation>
    </message>
    <message>
        <source>Hex bytes, e.g. 48 65 6c 6c 6f 0d 0a</source>
        <translation>Hex-Bytes, z. B. 48 65 6c 6c 6f 0d 0a</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Select an open connection to send data.</source>
        <translation>Wählen Sie eine offene Verbindung, um Daten zu senden.</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Senden</translation>
    </message>
    <message>
        <source>&amp;Half-close</source>
        <translation>&amp;Halb schließen</translation>
    </message>
    <message>
        <source>Cl&amp;ose</source>
        <translation>Sch&amp;ließen</translation>
    </message>
    <message>
        <source>Send box</source>
        <translation>Sendefeld</translation>
    </message>
    <message>
        <source>Send target</source>
        <translation>Sendeziel</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>Hex</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Send mode</source>
        <translation>Sendemodus</translation>
    </message>
    <message>
        <source>What to send: typed text, hex bytes or a file&apos;s contents</source>
        <translation>Was gesendet wird: getippter Text, Hex-Bytes oder der Inhalt einer Datei</translation>
    </message>
    <message>
        <source>No line ending</source>
        <translation>Kein Zeilenende</translation>
    </message>
    <message>
        <source>LF (\n)</source>
        <translation>LF (\n)</translation>
    </message>
    <message>
        <source>CR LF (\r\n)</source>
        <translation>CR LF (\r\n)</translation>
    </message>
    <message>
        <source>Line ending</source>
        <translation>Zeilenende</translation>
    </message>
    <message>
        <source>Appended to the text; line breaks inside the text are sent as this ending too</source>
        <translation>Wird an den Text angehängt; Zeilenumbrüche im Text werden ebenfalls mit diesem Zeilenende gesendet</translation>
    </message>
    <message>
        <source>File to send</source>
        <translation>Zu sendende Datei</translation>
    </message>
    <message>
        <source>Browse for file to send</source>
        <translation>Zu sendende Datei auswählen</translation>
    </message>
    <message>
        <source>Send hint</source>
        <translation>Sendehinweis</translation>
    </message>
    <message>
        <source>Send to the selected connection (Ctrl+Return)</source>
        <translation>An die gewählte Verbindung senden (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Shut down our sending side (FIN); we can still receive</source>
        <translation>Unsere Senderichtung schließen (FIN); empfangen können wir weiterhin</translation>
    </message>
    <message>
        <source>Half-close</source>
        <translation>Halb schließen</translation>
    </message>
    <message>
        <source>Close the connection gracefully</source>
        <translation>Die Verbindung geordnet schließen</translation>
    </message>
    <message>
        <source>Close connection</source>
        <translation>Verbindung schließen</translation>
    </message>
    <message>
        <source>Choose a file to send.</source>
        <translation>Wählen Sie eine Datei zum Senden.</translation>
    </message>
    <message>
        <source>Cannot read &apos;%1&apos;: %2</source>
        <translation>„%1“ kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>No connection selected</source>
        <translation>Keine Verbindung gewählt</translation>
    </message>
    <message>
        <source>To &lt;b&gt;%1&lt;/b&gt; from %2 · %3</source>
        <translation>An &lt;b&gt;%1&lt;/b&gt; von %2 · %3</translation>
    </message>
    <message>
        <source>Still connecting…</source>
        <translation>Verbindet noch…</translation>
    </message>
    <message>
        <source>We half-closed this connection: only the peer can send.</source>
        <translation>Wir haben diese Verbindung halb geschlossen: Nur die Gegenseite kann senden.</translation>
    </message>
    <message>
        <source>This connection is closed.</source>
        <translation>Diese Verbindung ist geschlossen.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Text to send (Ctrl+Return sends, Up recalls earlier ones)</source>
        <translation>Zu sendender Text (Strg+Eingabe sendet, Pfeil hoch holt frühere zurück)</translation>
    </message>
    <message>
        <source>File whose bytes are sent, in chunks, with progress</source>
        <translation>Datei, deren Bytes blockweise mit Fortschrittsanzeige gesendet werden</translation>
    </message>
    <message>
        <source>×</source>
        <translation>×</translation>
    </message>
    <message>
        <source>Repeat count</source>
        <translation>Anzahl Wiederholungen</translation>
    </message>
    <message>
        <source>How many times each send goes out; more than 1 repeats it at the interval, with progress and a Stop button</source>
        <translation>Wie oft jedes Senden hinausgeht; mehr als 1 wiederholt es im Intervall, mit Fortschrittsanzeige und Stopp-Knopf</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Repeat interval</source>
        <translation>Wiederholungsintervall</translation>
    </message>
    <message>
        <source>Milliseconds between repeated sends (with a count above 1)</source>
        <translation>Millisekunden zwischen wiederholten Sendungen (bei einer Anzahl über 1)</translation>
    </message>
    <message>
        <source>A repeat is running: stop it before starting another.</source>
        <translation>Eine Wiederholung läuft: Stoppen Sie sie, bevor Sie eine weitere starten.</translation>
    </message>
    <message>
        <source>A repeat is running: stop it before sending a file.</source>
        <translation>Eine Wiederholung läuft: Stoppen Sie sie, bevor Sie eine Datei senden.</translation>
    </message>
    <message>
        <source>Only text and hex can be saved as messages.</source>
        <translation>Nur Text und Hex lassen sich als Nachrichten speichern.</translation>
    </message>
    <message>
        <source>Listener #%1 (%2) has no open connections</source>
        <translation>Listener #%1 (%2) hat keine offenen Verbindungen</translation>
    </message>
    <message>
        <source>To &lt;b&gt;1 open connection&lt;/b&gt; of listener #%1 (%2)</source>
        <translation>An &lt;b&gt;1 offene Verbindung&lt;/b&gt; von Listener #%1 (%2)</translation>
    </message>
    <message>
        <source>To &lt;b&gt;%1 open connections&lt;/b&gt; of listener #%2 (%3)</source>
        <translation>An &lt;b&gt;%1 offene Verbindungen&lt;/b&gt; von Listener #%2 (%3)</translation>
    </message>
    <message>
        <source>Sends go to the listener&apos;s open connections; it has none now.</source>
        <translation>Gesendet wird an die offenen Verbindungen des Listeners; er hat gerade keine.</translation>
    </message>
    <message>
        <source>Select a connection, or a listener for all its connections.</source>
        <translation>Wählen Sie eine Verbindung oder einen Listener für alle seine Verbindungen.</translation>
    </message>
    <message>
        <source>Sending a file: wait for it, or cancel it.</source>
        <translation>Eine Datei wird gesendet: Warten Sie oder brechen Sie ab.</translation>
    </message>
    <message>
        <source>Send to each open connection of listener #%1 (Ctrl+Return)</source>
        <translation>An jede offene Verbindung von Listener #%1 senden (Strg+Eingabe)</translation>
    </message>
</context>
<context>
    <name>sockscope::SendJobs</name>
    <message>
        <source>connection #%1</source>
        <translation>Verbindung #%1</translation>
    </message>
    <message>
        <source>%1 connections</source>
        <translation>%1 Verbindungen</translation>
    </message>
    <message>
        <source>Sending &apos;%1&apos; to %2</source>
        <translation>Sende „%1“ an %2</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Repeating to %1</source>
        <translation>Wiederhole an %1</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
</context>
<context>
    <name>sockscope::SendProgress</name>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>Send progress</source>
        <translation>Sendefortschritt</translation>
    </message>
    <message>
        <source>Send progress bar</source>
        <translation>Sendefortschrittsbalken</translation>
    </message>
    <message>
        <source>Stop sending</source>
        <translation>Senden stoppen</translation>
    </message>
</context>
<context>
    <name>sockscope::SessionStatusBar</name>
    <message>
        <source>Listeners</source>
        <translation>Listener</translation>
    </message>
    <message>
        <source>Listening sockets</source>
        <translation>Lauschende Sockets</translation>
    </message>
    <message>
        <source>Open connections</source>
        <translation>Offene Verbindungen</translation>
    </message>
    <message>
        <source>Accepted and outgoing connections still open</source>
        <translation>Angenommene und ausgehende Verbindungen, die noch offen sind</translation>
    </message>
    <message>
        <source>Traffic totals</source>
        <translation>Verkehrssummen</translation>
    </message>
    <message>
        <source>Bytes received and sent in this session</source>
        <translation>In dieser Sitzung empfangene und gesendete Bytes</translation>
    </message>
    <message>
        <source>Capture memory</source>
        <translation>Mitschnitt-Speicher</translation>
    </message>
    <message>
        <source>Payload kept in memory for display and export, of the budget (--capture-budget)</source>
        <translation>Für Anzeige und Export im Speicher gehaltene Nutzdaten, vom Budget (--capture-budget)</translation>
    </message>
    <message>
        <source>Dropped capture</source>
        <translation>Verworfener Mitschnitt</translation>
    </message>
    <message>
        <source>The oldest payload was dropped to stay within the capture budget. The traffic itself was not affected.</source>
        <translation>Die ältesten Nutzdaten wurden verworfen, um im Mitschnitt-Budget zu bleiben. Der Verkehr selbst war nicht betroffen.</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>Aufzeichnung</translation>
    </message>
    <message>
        <source>Listeners: %1</source>
        <translation>Listener: %1</translation>
    </message>
    <message>
        <source>Open connections: %1</source>
        <translation>Offene Verbindungen: %1</translation>
    </message>
    <message>
        <source>↓ %1 in  ↑ %2 out</source>
        <translation>↓ %1 ein  ↑ %2 aus</translation>
    </message>
    <message>
        <source>Capture %1 of %2</source>
        <translation>Mitschnitt %1 von %2</translation>
    </message>
    <message>
        <source>● Recording to %1 (%2)</source>
        <translation>● Aufzeichnung nach %1 (%2)</translation>
    </message>
    <message>
        <source>Every event is being written to %1</source>
        <translation>Jedes Ereignis wird nach %1 geschrieben</translation>
    </message>
    <message>
        <source>Dropped %1 · events: %2</source>
        <translation>Verworfen %1 · Ereignisse: %2</translation>
    </message>
</context>
<context>
    <name>sockscope::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>Menü</translation>
    </message>
    <message>
        <source>Keys that belong to one place, such as Ctrl+Return in the send box or Shift+F10 on a row, are in the user guide&apos;s &lt;a href=&quot;%1&quot;&gt;Keyboard&lt;/a&gt; section.</source>
        <translation>Tasten, die zu einer bestimmten Stelle gehören, etwa Strg+Eingabe im Sendefeld oder Umschalt+F10 auf einer Zeile, stehen im Abschnitt &lt;a href=&quot;%1&quot;&gt;Tastatur&lt;/a&gt; des Benutzerhandbuchs.</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>sockscope::ShutdownGuard</name>
    <message>
        <source>Quit SockScope</source>
        <translation>SockScope beenden</translation>
    </message>
    <message>
        <source>Connections still open: %1.

Close them gracefully and quit?</source>
        <translation>Noch offene Verbindungen: %1.

Sie geordnet schließen und beenden?</translation>
    </message>
</context>
<context>
    <name>sockscope::SocketDetailsView</name>
    <message>
        <source>Socket details</source>
        <translation>Socket-Details</translation>
    </message>
    <message>
        <source>Select a listener or a connection in the list to see everything about it: addresses and ports, backlog, state, how it ended, bytes and drops.</source>
        <translation>Wählen Sie einen Listener oder eine Verbindung in der Liste, um alles darüber zu sehen: Adressen und Ports, Backlog, Zustand, wie sie endete, Bytes und Verworfenes.</translation>
    </message>
</context>
<context>
    <name>sockscope::StreamFindBar</name>
    <message>
        <source>Hex</source>
        <translation>Hex</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Search the whole stream, as long as it is now, from its start</source>
        <translation>Den ganzen Stream, so lang er jetzt ist, von Anfang an durchsuchen</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Vorheriger</translation>
    </message>
    <message>
        <source>Go to the previous match (Shift+Enter)</source>
        <translation>Zum vorherigen Treffer (Umschalt+Eingabe)</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Nächster</translation>
    </message>
    <message>
        <source>Go to the next match (Enter)</source>
        <translation>Zum nächsten Treffer (Eingabe)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop the search</source>
        <translation>Die Suche anhalten</translation>
    </message>
    <message>
        <source>Find in stream</source>
        <translation>Im Stream suchen</translation>
    </message>
    <message>
        <source>Bytes to find</source>
        <translation>Zu suchende Bytes</translation>
    </message>
    <message>
        <source>Find in the stream (Enter: next, Shift+Enter: previous)</source>
        <translation>Im Stream suchen (Eingabe: nächster, Umschalt+Eingabe: vorheriger)</translation>
    </message>
    <message>
        <source>Text to find (its UTF-8 bytes, case-sensitive), or with Hex checked hex bytes such as de ad be ef</source>
        <translation>Zu suchender Text (seine UTF-8-Bytes, Groß-/Kleinschreibung zählt) oder, mit Hex, Hex-Bytes wie de ad be ef</translation>
    </message>
    <message>
        <source>Find hex bytes</source>
        <translation>Hex-Bytes suchen</translation>
    </message>
    <message>
        <source>Read the pattern as hex bytes, such as de ad be ef</source>
        <translation>Das Muster als Hex-Bytes lesen, etwa de ad be ef</translation>
    </message>
    <message>
        <source>Find status</source>
        <translation>Suchstatus</translation>
    </message>
    <message>
        <source>Current match</source>
        <translation>Aktueller Treffer</translation>
    </message>
    <message>
        <source>Find error</source>
        <translation>Suchfehler</translation>
    </message>
    <message>
        <source>Close the find bar and stop the search (Escape)</source>
        <translation>Die Suchleiste schließen und die Suche anhalten (Esc)</translation>
    </message>
    <message>
        <source>Close find bar</source>
        <translation>Suchleiste schließen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Not valid hex: %1.</source>
        <translation>Kein gültiges Hex: %1.</translation>
    </message>
    <message>
        <source>Type the bytes to find in hex, such as de ad be ef.</source>
        <translation>Die zu suchenden Bytes in Hex eingeben, etwa de ad be ef.</translation>
    </message>
    <message>
        <source>Searching… %1 %</source>
        <translation>Suche… %1 %</translation>
    </message>
    <message>
        <source>No match</source>
        <translation>Kein Treffer</translation>
    </message>
    <message>
        <source>1 match</source>
        <translation>1 Treffer</translation>
    </message>
    <message>
        <source>%1 matches; the first %2 can be visited</source>
        <translation>%1 Treffer; die ersten %2 lassen sich ansteuern</translation>
    </message>
    <message>
        <source>%1 matches</source>
        <translation>%1 Treffer</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
</context>
<context>
    <name>sockscope::SystemSocketsFilter</name>
    <message>
        <source>Connection: bytes received and not yet read by the program.
LISTEN socket: the accept queue, connections the kernel completed that the program has not accepted yet.</source>
        <translation>Verbindung: empfangene Bytes, die das Programm noch nicht gelesen hat.
LISTEN-Socket: die Accept-Warteschlange, also vom Kernel aufgebaute Verbindungen, die das Programm noch nicht angenommen hat.</translation>
    </message>
    <message>
        <source>Connection: bytes sent and not yet acknowledged by the peer (a SYN_SENT socket counts its SYN).
LISTEN socket: the backlog, the most connections the accept queue holds (/proc shows 0 here).</source>
        <translation>Verbindung: gesendete Bytes, die die Gegenseite noch nicht bestätigt hat (ein SYN_SENT-Socket zählt sein SYN).
LISTEN-Socket: das Backlog, die Höchstzahl an Verbindungen in der Accept-Warteschlange (/proc zeigt hier 0).</translation>
    </message>
</context>
<context>
    <name>sockscope::SystemSocketsModel</name>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Local</source>
        <translation>Lokal</translation>
    </message>
    <message>
        <source>Remote</source>
        <translation>Entfernt</translation>
    </message>
    <message>
        <source>Recv-Q</source>
        <translation>Recv-Q</translation>
    </message>
    <message>
        <source>Send-Q</source>
        <translation>Send-Q</translation>
    </message>
    <message>
        <source>Process</source>
        <translation>Prozess</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>UID</source>
        <translation>UID</translation>
    </message>
    <message>
        <source>Inode</source>
        <translation>Inode</translation>
    </message>
</context>
<context>
    <name>sockscope::SystemSocketsPanel</name>
    <message>
        <source>System sockets</source>
        <translation>System-Sockets</translation>
    </message>
    <message>
        <source>Filter: address, port, process…</source>
        <translation>Filter: Adresse, Port, Prozess…</translation>
    </message>
    <message>
        <source>Filter system sockets</source>
        <translation>System-Sockets filtern</translation>
    </message>
    <message>
        <source>Show state</source>
        <translation>Angezeigter Zustand</translation>
    </message>
    <message>
        <source>Show only sockets in this TCP state</source>
        <translation>Nur Sockets in diesem TCP-Zustand zeigen</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>Alle Zustände</translation>
    </message>
    <message>
        <source>Only SockScope&apos;s &amp;own</source>
        <translation>Nur SockScopes &amp;eigene</translation>
    </message>
    <message>
        <source>Only SockScope&apos;s own sockets</source>
        <translation>Nur SockScopes eigene Sockets</translation>
    </message>
    <message>
        <source>Show only the sockets this SockScope process holds</source>
        <translation>Nur die Sockets zeigen, die dieser SockScope-Prozess hält</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pausieren</translation>
    </message>
    <message>
        <source>Pause refreshing</source>
        <translation>Aktualisierung pausieren</translation>
    </message>
    <message>
        <source>Stop refreshing the list, to look at it while it holds still</source>
        <translation>Die Liste nicht mehr aktualisieren, um sie in Ruhe anzusehen</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Refresh now</source>
        <translation>Jetzt aktualisieren</translation>
    </message>
    <message>
        <source>Read the machine&apos;s sockets now</source>
        <translation>Die Sockets des Rechners jetzt lesen</translation>
    </message>
    <message>
        <source>Ephemeral port range</source>
        <translation>Ephemerer Portbereich</translation>
    </message>
    <message>
        <source>A client that connects without binding gets its local port from this range (net.ipv4.ip_local_port_range)</source>
        <translation>Ein Client, der sich ohne Binden verbindet, erhält seinen lokalen Port aus diesem Bereich (net.ipv4.ip_local_port_range)</translation>
    </message>
    <message>
        <source>Ephemeral ports %1–%2</source>
        <translation>Ephemere Ports %1–%2</translation>
    </message>
</context>
<context>
    <name>sockscope::TimelineView</name>
    <message>
        <source>Connection timeline</source>
        <translation>Verbindungszeitleiste</translation>
    </message>
    <message>
        <source>The selected connection&apos;s milestones and the time between them</source>
        <translation>Die Meilensteine der gewählten Verbindung und die Zeit dazwischen</translation>
    </message>
    <message>
        <source>connect()</source>
        <translation>connect()</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>verbunden</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>angenommen</translation>
    </message>
    <message>
        <source>first byte in</source>
        <translation>erstes Byte ein</translation>
    </message>
    <message>
        <source>first byte out</source>
        <translation>erstes Byte aus</translation>
    </message>
    <message>
        <source>peer half-closed</source>
        <translation>von der Gegenseite halb geschlossen</translation>
    </message>
    <message>
        <source>we half-closed</source>
        <translation>von uns halb geschlossen</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>geschlossen</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>%1 µs</source>
        <translation>%1 µs</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1 um %2</translation>
    </message>
    <message>
        <source>%1 after the start</source>
        <translation>%1 nach dem Start</translation>
    </message>
    <message>
        <source>Select a connection to see its lifecycle.</source>
        <translation>Wählen Sie eine Verbindung, um ihren Lebenszyklus zu sehen.</translation>
    </message>
    <message>
        <source>Nothing has happened on this connection yet.</source>
        <translation>Auf dieser Verbindung ist noch nichts geschehen.</translation>
    </message>
    <message>
        <source>we reset (RST)</source>
        <translation>von uns zurückgesetzt (RST)</translation>
    </message>
    <message>
        <source>TLS ready</source>
        <translation>TLS bereit</translation>
    </message>
</context>
<context>
    <name>sockscope::TlsInspectorView</name>
    <message>
        <source>TLS handshake</source>
        <translation>TLS-Handshake</translation>
    </message>
    <message>
        <source>Select a TLS connection to see its handshake.</source>
        <translation>Wählen Sie eine TLS-Verbindung, um ihren Handshake zu sehen.</translation>
    </message>
    <message>
        <source>&lt;p&gt;Connection #%1 has no TLS handshake: it is plain TCP, or its handshake has not ended yet.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Verbindung #%1 hat keinen TLS-Handshake: Es ist eine reine TCP-Verbindung, oder ihr Handshake ist noch nicht beendet.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;TLS handshake completed&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;TLS-Handshake abgeschlossen&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>&lt;h3 style=&quot;color:#b00020&quot;&gt;TLS handshake failed&lt;/h3&gt;&lt;p&gt;%1&lt;/p&gt;</source>
        <translation>&lt;h3 style=&quot;color:#b00020&quot;&gt;TLS-Handshake fehlgeschlagen&lt;/h3&gt;&lt;p&gt;%1&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Our side</source>
        <translation>Unsere Seite</translation>
    </message>
    <message>
        <source>client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Cipher suite</source>
        <translation>Cipher-Suite</translation>
    </message>
    <message>
        <source>ALPN</source>
        <translation>ALPN</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>SNI sent</source>
        <translation>SNI gesendet</translation>
    </message>
    <message>
        <source>SNI received</source>
        <translation>SNI empfangen</translation>
    </message>
    <message>
        <source>Server temp key</source>
        <translation>Temporärer Serverschlüssel</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alerts</translation>
    </message>
    <message>
        <source>&lt;h4&gt;Peer certificate chain&lt;/h4&gt;</source>
        <translation>&lt;h4&gt;Zertifikatskette der Gegenseite&lt;/h4&gt;</translation>
    </message>
    <message>
        <source>Depth</source>
        <translation>Tiefe</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Inhaber</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>Aussteller</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>Gültig</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 bis %2</translation>
    </message>
    <message>
        <source>Names</source>
        <translation>Namen</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <source>&lt;h4&gt;ClientHello (%1 bytes)&lt;/h4&gt;</source>
        <translation>&lt;h4&gt;ClientHello (%1 Bytes)&lt;/h4&gt;</translation>
    </message>
    <message>
        <source>&lt;h4&gt;ServerHello (%1 bytes)&lt;/h4&gt;</source>
        <translation>&lt;h4&gt;ServerHello (%1 Bytes)&lt;/h4&gt;</translation>
    </message>
</context>
<context>
    <name>sockscope::TlsKeysAction</name>
    <message>
        <source>Save TLS &amp;keys…</source>
        <translation>TLS-&amp;Schlüssel speichern…</translation>
    </message>
    <message>
        <source>Save the secrets of the session&apos;s TLS handshakes in the NSS key log format (SSLKEYLOGFILE), for Wireshark; a live session keeps adding later ones</source>
        <translation>Die Geheimnisse der TLS-Handshakes der Sitzung im NSS-Key-Log-Format (SSLKEYLOGFILE) für Wireshark speichern; eine laufende Sitzung fügt spätere hinzu</translation>
    </message>
    <message>
        <source>The TLS keys could not be saved to %1.</source>
        <translation>Die TLS-Schlüssel konnten nicht in %1 gespeichert werden.</translation>
    </message>
    <message numerus="yes">
        <source>The keys of %n handshake(s) were saved to %1, but the keys of later handshakes cannot be added to it.</source>
        <translation>
            <numerusform>Die Schlüssel von %n Handshake wurden in %1 gespeichert, aber die Schlüssel späterer Handshakes können nicht hinzugefügt werden.</numerusform>
            <numerusform>Die Schlüssel von %n Handshakes wurden in %1 gespeichert, aber die Schlüssel späterer Handshakes können nicht hinzugefügt werden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Save TLS keys</source>
        <translation>TLS-Schlüssel speichern</translation>
    </message>
    <message>
        <source>This session has no TLS handshake whose keys could be saved.</source>
        <translation>Diese Sitzung hat keinen TLS-Handshake, dessen Schlüssel gespeichert werden könnten.</translation>
    </message>
    <message>
        <source>NSS key log (*.keys *.log *.txt);;All files (*)</source>
        <translation>NSS-Key-Log (*.keys *.log *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Keys of later TLS handshakes are no longer added to %1.</source>
        <translation>Schlüssel späterer TLS-Handshakes werden nicht mehr zu %1 hinzugefügt.</translation>
    </message>
    <message>
        <source>TLS keys not saved</source>
        <translation>TLS-Schlüssel nicht gespeichert</translation>
    </message>
</context>
<context>
    <name>sockscope::TlsOptionsBox</name>
    <message>
        <source>&amp;Use TLS</source>
        <translation>TLS n&amp;utzen</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>Every accepted connection is a TLS server; responders work on the plaintext</source>
        <translation>Jede angenommene Verbindung ist ein TLS-Server; das Antwortverhalten arbeitet mit dem Klartext</translation>
    </message>
    <message>
        <source>Certificate:</source>
        <translation>Zertifikat:</translation>
    </message>
    <message>
        <source>PEM certificate; empty: SockScope&apos;s own for localhost, issued by its local CA</source>
        <translation>PEM-Zertifikat; leer: SockScopes eigenes für localhost, ausgestellt von seiner lokalen CA</translation>
    </message>
    <message>
        <source>Key:</source>
        <translation>Schlüssel:</translation>
    </message>
    <message>
        <source>PEM private key; empty: the key in the certificate&apos;s file</source>
        <translation>Privater PEM-Schlüssel; leer: der Schlüssel in der Zertifikatsdatei</translation>
    </message>
    <message>
        <source>Connect with TLS; the send box works on the plaintext</source>
        <translation>Mit TLS verbinden; das Sendefeld arbeitet mit dem Klartext</translation>
    </message>
    <message>
        <source>the host name</source>
        <translation>der Hostname</translation>
    </message>
    <message>
        <source>Server name (SNI)</source>
        <translation>Servername (SNI)</translation>
    </message>
    <message>
        <source>Server name:</source>
        <translation>Servername:</translation>
    </message>
    <message>
        <source>CA file:</source>
        <translation>CA-Datei:</translation>
    </message>
    <message>
        <source>PEM CA certificates to trust; empty: the system&apos;s store</source>
        <translation>PEM-CA-Zertifikate, denen vertraut wird; leer: der Zertifikatsspeicher des Systems</translation>
    </message>
    <message>
        <source>Verify the server&apos;s certificate</source>
        <translation>Zertifikat des Servers prüfen</translation>
    </message>
    <message>
        <source>Off: go on when it does not verify (the result is still shown)</source>
        <translation>Aus: weitermachen, auch wenn die Prüfung fehlschlägt (das Ergebnis wird trotzdem angezeigt)</translation>
    </message>
    <message>
        <source>e.g. h2,http/1.1</source>
        <translation>z. B. h2,http/1.1</translation>
    </message>
    <message>
        <source>ALPN protocols</source>
        <translation>ALPN-Protokolle</translation>
    </message>
    <message>
        <source>ALPN:</source>
        <translation>ALPN:</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Choose a file for %1</source>
        <translation>Datei für %1 auswählen</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
        <translation>PEM-Dateien (*.pem *.crt *.key);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Request a client certificate</source>
        <translation>Client-Zertifikat anfordern</translation>
    </message>
    <message>
        <source>Each client must present a certificate that verifies against the client CA file; a client without one fails its handshake (--request-client-cert)</source>
        <translation>Jeder Client muss ein Zertifikat vorlegen, das gegen die Client-CA-Datei geprüft wird; bei einem Client ohne Zertifikat scheitert der Handshake (--request-client-cert)</translation>
    </message>
    <message>
        <source>Client CA:</source>
        <translation>Client-CA:</translation>
    </message>
    <message>
        <source>PEM CA certificates client certificates must chain to; empty: the system&apos;s store</source>
        <translation>PEM-CA-Zertifikate, auf die Client-Zertifikate zurückgehen müssen; leer: der Zertifikatsspeicher des Systems</translation>
    </message>
    <message>
        <source>SockScope&apos;s own, for localhost</source>
        <translation>SockScopes eigenes, für localhost</translation>
    </message>
    <message>
        <source>the key in the certificate&apos;s file</source>
        <translation>der Schlüssel in der Zertifikatsdatei</translation>
    </message>
    <message>
        <source>the system&apos;s store</source>
        <translation>der Zertifikatsspeicher des Systems</translation>
    </message>
    <message>
        <source>Client certificate:</source>
        <translation>Client-Zertifikat:</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keins</translation>
    </message>
    <message>
        <source>PEM certificate to present when the server asks for one (--client-cert); empty: none</source>
        <translation>PEM-Zertifikat, das vorgelegt wird, wenn der Server danach fragt (--client-cert); leer: keins</translation>
    </message>
    <message>
        <source>Client key:</source>
        <translation>Client-Schlüssel:</translation>
    </message>
    <message>
        <source>PEM private key of the client certificate (--client-key); empty: the key in the certificate&apos;s file</source>
        <translation>Privater PEM-Schlüssel des Client-Zertifikats (--client-key); leer: der Schlüssel in der Datei des Zertifikats</translation>
    </message>
</context>
<context>
    <name>sockscope::TrafficFilterBar</name>
    <message>
        <source>He&amp;x</source>
        <translation>He&amp;x</translation>
    </message>
    <message>
        <source>&amp;Only matching rows</source>
        <translation>&amp;Nur passende Zeilen</translation>
    </message>
    <message>
        <source>Find and filter traffic</source>
        <translation>Verkehr durchsuchen und filtern</translation>
    </message>
    <message>
        <source>Find in traffic</source>
        <translation>Im Verkehr suchen</translation>
    </message>
    <message>
        <source>Find or filter the traffic (Enter: next, Shift+Enter: previous)</source>
        <translation>Den Verkehr durchsuchen oder filtern (Eingabe: nächster, Umschalt+Eingabe: vorheriger)</translation>
    </message>
    <message>
        <source>Find hex bytes</source>
        <translation>Hex-Bytes suchen</translation>
    </message>
    <message>
        <source>Read the pattern as hex bytes: de ad be ef, deadbeef, de:ad:be:ef</source>
        <translation>Das Muster als Hex-Bytes lesen: de ad be ef, deadbeef, de:ad:be:ef</translation>
    </message>
    <message>
        <source>Show only matching rows</source>
        <translation>Nur passende Zeilen zeigen</translation>
    </message>
    <message>
        <source>Hide the rows whose payload does not hold the pattern</source>
        <translation>Die Zeilen ausblenden, deren Nutzdaten das Muster nicht enthalten</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Richtung</translation>
    </message>
    <message>
        <source>Show the chunks of one direction only</source>
        <translation>Nur die Blöcke einer Richtung zeigen</translation>
    </message>
    <message>
        <source>In and out</source>
        <translation>Ein und aus</translation>
    </message>
    <message>
        <source>← Received only</source>
        <translation>← Nur empfangen</translation>
    </message>
    <message>
        <source>→ Sent only</source>
        <translation>→ Nur gesendet</translation>
    </message>
    <message>
        <source>Listener</source>
        <translation>Listener</translation>
    </message>
    <message>
        <source>Show the traffic of one listener&apos;s connections, or of the outgoing clients</source>
        <translation>Den Verkehr der Verbindungen eines Listeners oder der ausgehenden Clients zeigen</translation>
    </message>
    <message>
        <source>Rows shown</source>
        <translation>Angezeigte Zeilen</translation>
    </message>
    <message>
        <source>Find error</source>
        <translation>Suchfehler</translation>
    </message>
    <message>
        <source>Find status</source>
        <translation>Suchstatus</translation>
    </message>
    <message>
        <source>Close the bar and show every row again (Escape)</source>
        <translation>Die Leiste schließen und wieder alle Zeilen zeigen (Esc)</translation>
    </message>
    <message>
        <source>Close find bar</source>
        <translation>Suchleiste schließen</translation>
    </message>
    <message>
        <source>Not hex: %1</source>
        <translation>Kein Hex: %1</translation>
    </message>
    <message>
        <source>received only</source>
        <translation>nur empfangen</translation>
    </message>
    <message>
        <source>sent only</source>
        <translation>nur gesendet</translation>
    </message>
    <message>
        <source>holding bytes %1</source>
        <translation>mit Bytes %1</translation>
    </message>
    <message>
        <source>holding “%1”</source>
        <translation>mit „%1“</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>Any listener</source>
        <translation>Beliebiger Listener</translation>
    </message>
    <message>
        <source>Outgoing clients</source>
        <translation>Ausgehende Clients</translation>
    </message>
    <message>
        <source>Listener #%1 on %2</source>
        <translation>Listener #%1 auf %2</translation>
    </message>
    <message>
        <source>Text as the Data column shows it (\r \n \t \\ \0 \xHH \u{hhhh}; letters in either case), or with Hex checked bytes such as de ad be ef</source>
        <translation>Text, wie ihn die Spalte Daten zeigt (\r \n \t \\ \0 \xHH \u{hhhh}; Buchstaben in beliebiger Schreibweise), oder mit Hex angehakt Bytes wie de ad be ef</translation>
    </message>
</context>
<context>
    <name>sockscope::TrafficModel</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Conn</source>
        <translation>Verb.</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Richtung</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Sent by SockScope to the peer</source>
        <translation>Von SockScope an die Gegenseite gesendet</translation>
    </message>
    <message>
        <source>Received by SockScope from the peer</source>
        <translation>Von SockScope von der Gegenseite empfangen</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 Bytes</translation>
    </message>
    <message>
        <source>→ out</source>
        <translation>→ aus</translation>
    </message>
    <message>
        <source>← in</source>
        <translation>← ein</translation>
    </message>
</context>
<context>
    <name>sockscope::TrafficPanel</name>
    <message>
        <source>&amp;All connections</source>
        <translation>&amp;Alle Verbindungen</translation>
    </message>
    <message>
        <source>Traffic</source>
        <translation>Verkehr</translation>
    </message>
    <message>
        <source>Traffic filter</source>
        <translation>Verkehrsfilter</translation>
    </message>
    <message>
        <source>Show all connections</source>
        <translation>Alle Verbindungen zeigen</translation>
    </message>
    <message>
        <source>Show the traffic of every connection, not only the selected one</source>
        <translation>Den Verkehr jeder Verbindung zeigen, nicht nur den der gewählten</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Nicht gefunden</translation>
    </message>
    <message>
        <source>Traffic of all connections</source>
        <translation>Verkehr aller Verbindungen</translation>
    </message>
    <message>
        <source>Traffic of %1</source>
        <translation>Verkehr von %1</translation>
    </message>
    <message>
        <source>connection #%1</source>
        <translation>Verbindung #%1</translation>
    </message>
    <message>
        <source>Not found in the rows&apos; previews and the first %1 of payload; Follow stream&apos;s Find searches a whole connection</source>
        <translation>Nicht gefunden in den Vorschauen der Zeilen und den ersten %1 der Nutzdaten; die Suche in „Stream verfolgen“ durchsucht eine ganze Verbindung</translation>
    </message>
    <message>
        <source>Show in &amp;Follow stream</source>
        <translation>In „Stream &amp;verfolgen“ zeigen</translation>
    </message>
    <message>
        <source>Select &amp;connection #%1</source>
        <translation>&amp;Verbindung #%1 auswählen</translation>
    </message>
    <message>
        <source>Traffic of all connections (select one to see only its own)</source>
        <translation>Verkehr aller Verbindungen (eine auswählen, um nur ihren zu sehen)</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Cop&amp;y as</source>
        <translation>Kopieren &amp;als</translation>
    </message>
    <message>
        <source>&amp;Text</source>
        <translation>&amp;Text</translation>
    </message>
    <message>
        <source>&amp;Hex</source>
        <translation>&amp;Hex</translation>
    </message>
    <message>
        <source>&amp;C array</source>
        <translation>&amp;C-Array</translation>
    </message>
    <message>
        <source>&amp;Base64</source>
        <translation>&amp;Base64</translation>
    </message>
    <message numerus="yes">
        <source>Not copied: %n chunk(s) of %1 would make more than %2 of text; select fewer rows, or export the session (File &gt; Export)</source>
        <translation>
            <numerusform>Nicht kopiert: %n Block mit %1 ergäbe mehr als %2 Text; wählen Sie weniger Zeilen oder exportieren Sie die Sitzung (Datei &gt; Sitzung exportieren)</numerusform>
            <numerusform>Nicht kopiert: %n Blöcke mit %1 ergäben mehr als %2 Text; wählen Sie weniger Zeilen oder exportieren Sie die Sitzung (Datei &gt; Sitzung exportieren)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %n chunk(s)</source>
        <translation>
            <numerusform>%n Block kopiert</numerusform>
            <numerusform>%n Blöcke kopiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %n chunk(s); %1 of them only in part, as the capture did not keep the rest</source>
        <translation>
            <numerusform>%n Block kopiert; %1 davon nur teilweise, da der Mitschnitt den Rest nicht behalten hat</numerusform>
            <numerusform>%n Blöcke kopiert; %1 davon nur teilweise, da der Mitschnitt den Rest nicht behalten hat</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 of %2 chunks</source>
        <translation>%1 von %2 Blöcken</translation>
    </message>
    <message>
        <source>%1; past %2 of payload, rows matched on their first %3 bytes only</source>
        <translation>%1; jenseits von %2 Nutzdaten wurden Zeilen nur in ihren ersten %3 Bytes verglichen</translation>
    </message>
</context>
<context>
    <name>sockscope::UserGuideWindow</name>
    <message>
        <source>SockScope user guide</source>
        <translation>SockScope-Benutzerhandbuch</translation>
    </message>
    <message>
        <source>User guide</source>
        <translation>Benutzerhandbuch</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Zurück</translation>
    </message>
    <message>
        <source>&amp;Forward</source>
        <translation>&amp;Vor</translation>
    </message>
    <message>
        <source>&amp;Contents</source>
        <translation>&amp;Inhalt</translation>
    </message>
</context>
</TS>
