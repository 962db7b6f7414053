<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>sockscope::BindProbeDialog</name>
    <message>
        <source>Who can reach %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address a listener binds to decides who can connect: &lt;b&gt;localhost&lt;/b&gt; (127.0.0.1) is only visible within the machine; the empty address (&lt;b&gt;any&lt;/b&gt;, 0.0.0.0 or ::) is reachable through every address the machine has. Each row below is a real connection to port %1 from one of this machine&apos;s addresses.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probe status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reachability by address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listener saw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probe &amp;again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probe again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a listener&apos;s address: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reachable (IPv4 via dual stack)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refused: nothing listens on this address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>timeout: no answer (firewall, or a full accept queue)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probed %1 addresses of this machine.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sockscope::ClientDialog</name>
    <message>
        <source>Connect to a server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A name or address; HOST:PORT is split into host and port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send on connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional, e.g. GET / HTTP/1.0\r\n\r\n</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent as soon as the connection is up. Escapes: \n \r \t \\ \0 \xNN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Send on connect:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a host name or address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A host name cannot contain spaces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port 0 cannot be connected to.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sockscope::ConnectionsModel</name>
    <message>
        <source>Connecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Half-closed by peer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Half-closed by us</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outgoing clients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listener #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>start not captured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>backlog %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed by peer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed by us</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>peer shut down its sending side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>we shut down our sending side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in %2 events dropped from the capture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 waiting / backlog %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paused · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clients SockScope started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clients SockScope started. Each gets its local port from the kernel&apos;s ephemeral range %1–%2 unless it binds one.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sockscope::ConnectionsPanel</name>
    <message>
        <source>Connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outgoing clients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Half-closed by peer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#%1  %2 ↔ %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy &amp;address %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear c&amp;losed</source>
        <translation type="unfinished">&amp;Geschlossene entfernen</translation>
    </message>
    <message>
        <source>&amp;Send…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Half-close</source>
        <translation type="unfinished">&amp;Halb schließen</translation>
    </message>
    <message>
        <source>&amp;Cancel connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation type="unfinished">S&amp;chließen</translation>
    </message>
    <message>
        <source>S&amp;top listener</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sockscope::DetailTabs</name>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hex dump</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a row in the traffic table to see its bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>He&amp;x</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Follow stream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;vents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The selected chunk&apos;s bytes in hex and ASCII</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The selected connection&apos;s whole conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listens, accepts, connects, closes and errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messa&amp;ges</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;imeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The selected connection&apos;s stream cut into messages by a framing rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The selected connection&apos;s lifecycle</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sockscope::EventLogModel</name>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detail</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sockscope::EventLogPanel</name>
    <message>
        <source>Event log</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sockscope::ExportAction</name>
    <message>
        <source>JSON Lines (*.jsonl)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTML report (*.html)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pcap for Wireshark (*.pcap)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export session…</source>
        <translation>Sitzung &amp;exportieren…</translation>
    </message>
    <message>
        <source>Export every captured event to a file (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export every captured event to a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session could not be exported to %1.

%2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sockscope::FailureReporter</name>
    <message>
        <source>Use any free port</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sockscope::FollowStreamView</name>
    <message>
        <source>Follow stream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a connection to follow its conversation. Blue: received from the peer. Orange: sent by SockScope.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[Only the first %1 are shown here; export the session for the rest.]</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sockscope::FramingView</name>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the chunk that completed the message was read or sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incomplete tail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Framing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How to cut the byte stream into messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chunks as read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lines (\n)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delimiter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Length prefix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bytes that end a message; \n, \r, \t, \0 and \xNN stand for control bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size and byte order of the length before each message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 byte</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes, big-endian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes, little-endian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Framing:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: framing stopped at offset %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: incomplete message at offset %2 (%3 bytes so far): %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sockscope::ListenerActions</name>
    <message>
        <source>&amp;Resume accepting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept the connections waiting in the kernel&apos;s queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause accepting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop calling accept(): the kernel still completes connections and queues them, up to the backlog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Who can reach this?…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sockscope::ListenerDialog</name>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start listener</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bind address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who can reach the listener: localhost is this machine only, 0.0.0.0 every IPv4 interface, :: every interface (IPv6 and IPv4), or one interface&apos;s address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any free port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0 lets the kernel pick a free port; the real port appears in the connections list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ports below 1024 are privileged: binding them needs root or CAP_NET_BIND_SERVICE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backlog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many connections the kernel queues before they are accepted (capped by net.core.somaxconn).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manual: I type the answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Echo: send back what arrives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard: read and ignore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply: send a file to each client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Responder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the listener answers accepted connections by itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File whose bytes each client receives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse for reply file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Backlog:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Responder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply &amp;file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>localhost (127.0.0.1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All IPv4 (0.0.0.0)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All IPv6 + IPv4 (::)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the file to send to each client.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a readable file.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sockscope::MainWindow</name>
    <message>
        <source>SockScope — %1 (read-only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SockScope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording stopped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connect…</source>
        <translation>&amp;Verbinden…</translation>
    </message>
    <message>
        <source>Connect to a server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session exported to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Quit SockScope</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Half-close</source>
        <translation>&amp;Halb schließen</translation>
    </message>
    <message>
        <source>Shut down our sending side of the selected connection (FIN)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>S&amp;chließen</translation>
    </message>
    <message>
        <source>Close the selected connection, or cancel its connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear c&amp;losed</source>
        <translation>&amp;Geschlossene entfernen</translation>
    </message>
    <message>
        <source>Remove closed connections and stopped listeners from the list</source>
        <translation type="unfinished"></translation>
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
        <source>Find text in the traffic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear &amp;traffic and events</source>
        <translation>Verkehr und Ereignisse &amp;leeren</translation>
    </message>
    <message>
        <source>Empty the traffic and event lists; the export still has everything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System sockets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;lose window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close this saved session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show every TCP socket of this machine, like ss -tanp (F6)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sockscope::NoticeBanner</name>
    <message>
        <source>Notice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notice message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notice action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss notice</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show a saved JSON Lines session, read-only, in a new window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be shown.

%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SockScope sessions (*.jsonl *.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sockscope::ReadOnlyBanner</name>
    <message>
        <source>Read-only session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only: the saved session %1. Listening, connecting and sending are off in this window; Export writes this session.</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record to file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sockscope::SendBox</name>
    <message>
        <source>Text to send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text to send (Ctrl+Return sends)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hex to send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hex bytes, e.g. 48 65 6c 6c 6f 0d 0a</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an open connection to send data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation type="unfinished">&amp;Senden</translation>
    </message>
    <message>
        <source>&amp;Half-close</source>
        <translation type="unfinished">&amp;Halb schließen</translation>
    </message>
    <message>
        <source>Cl&amp;ose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to send: typed text, hex bytes or a file&apos;s contents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No line ending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LF (\n)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CR LF (\r\n)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line ending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appended to the text; line breaks inside the text are sent as this ending too</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File to send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File whose bytes are sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse for file to send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send hint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send to the selected connection (Ctrl+Return)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shut down our sending side (FIN); we can still receive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Half-close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the connection gracefully</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to send: type some text or choose a line ending.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to send: type some hex bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a file to send.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read &apos;%1&apos;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is %2; files up to %3 can be sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No connection selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To &lt;b&gt;%1&lt;/b&gt; from %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>We half-closed this connection: only the peer can send.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This connection is closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sockscope::SessionStatusBar</name>
    <message>
        <source>Listeners</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listening sockets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted and outgoing connections still open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Traffic totals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes received and sent in this session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capture memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payload kept in memory for display and export, of the budget (--capture-budget)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dropped capture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The oldest payload was dropped to stay within the capture budget. The traffic itself was not affected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listeners: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open connections: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>↓ %1 in  ↑ %2 out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capture %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Recording to %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every event is being written to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dropped: %1 · events: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sockscope::ShutdownGuard</name>
    <message>
        <source>Quit SockScope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections still open: %1.

Close them gracefully and quit?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sockscope::SystemSocketsFilter</name>
    <message>
        <source>Connection: bytes received and not yet read by the program.
LISTEN socket: the accept queue, connections the kernel completed that the program has not accepted yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection: bytes sent and not yet acknowledged by the peer (a SYN_SENT socket counts its SYN).
LISTEN socket: the backlog, the most connections the accept queue holds (/proc shows 0 here).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sockscope::SystemSocketsModel</name>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recv-Q</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send-Q</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Process</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inode</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sockscope::SystemSocketsPanel</name>
    <message>
        <source>System sockets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter: address, port, process…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter system sockets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only sockets in this TCP state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All states</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only SockScope&apos;s &amp;own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only SockScope&apos;s own sockets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only the sockets this SockScope process holds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause refreshing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop refreshing the list, to look at it while it holds still</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the machine&apos;s sockets now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ephemeral port range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A client that connects without binding gets its local port from this range (net.ipv4.ip_local_port_range)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ephemeral ports %1–%2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sockscope::TimelineView</name>
    <message>
        <source>Connection timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The selected connection&apos;s milestones and the time between them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connect()</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>first byte in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>first byte out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>peer half-closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>we half-closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed by peer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed by us</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 µs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 after the start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a connection to see its lifecycle.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing has happened on this connection yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sockscope::TrafficFilterModel</name>
    <message>
        <source>→ out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>← in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent by SockScope to the peer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received by SockScope from the peer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sockscope::TrafficModel</name>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sockscope::TrafficPanel</name>
    <message>
        <source>&amp;All connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Traffic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>→ out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Traffic filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show all connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the traffic of every connection, not only the selected one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find in traffic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find text in the traffic (Enter: next, Shift+Enter: previous)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the find bar (Escape)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close find bar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Traffic of all connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Traffic of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connection #%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
