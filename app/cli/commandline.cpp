#include "cli/commandline.h"

#include "base/endpoint.h"
#include "base/version.h"
#include "capture/capturestore.h"
#include "engine/filesource.h"
#include "engine/tlscontext.h"
#include "formats/sessionexport.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QRegularExpression>

#include <cmath>
#include <memory>
#include <optional>

namespace sockscope {

namespace {
// A day: the int milliseconds of a timer hold 24 days, and no lesson needs more.
constexpr int kMaxAbortAfterSeconds = 86400;
constexpr int kMaxConnectTimeoutSeconds = 3600;
// 24 days: the most a timer's int milliseconds hold (2^31 ms is 24.8 days).
constexpr int kMaxDurationSeconds = 24 * 86400;

// Seconds for a timer, as whole milliseconds. Refused (nullopt): what is
// not a number, NaN and infinities (converting them to an integer is
// undefined), anything beyond maxSeconds, and a positive value below the
// timers' 1 ms resolution, which would silently become 0 (a connect
// timeout of 0 fails every connect). 0 itself only where it means
// something (zeroAllowed).
std::optional<int> parseSecondsAsMs(const QString& text, bool zeroAllowed, int maxSeconds) {
    bool ok = false;
    const double seconds = text.toDouble(&ok);
    if (!ok || !std::isfinite(seconds) || seconds < 0 || seconds > maxSeconds)
        return std::nullopt;
    if (seconds == 0)
        return zeroAllowed ? std::optional<int>(0) : std::nullopt;
    if (seconds < 0.001)
        return std::nullopt;
    return int(std::lround(seconds * 1000));
}

QString secondsRange(bool zeroAllowed, int maxSeconds) {
    return QStringLiteral("%1a number of seconds from 0.001 to %2")
        .arg(zeroAllowed ? QStringLiteral("0 or ") : QString())
        .arg(maxSeconds);
}

ParseOutcome failure(const QString& message) {
    ParseOutcome outcome;
    outcome.exitCode = 2;
    outcome.error = QStringLiteral("sockscope: %1\nTry 'sockscope --help'.\n").arg(message);
    return outcome;
}

} // namespace

ParseOutcome parseCommandLine(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("SockScope makes TCP sockets visible: start listeners and clients, "
                       "watch accepted sockets with their ephemeral ports and every byte, and "
                       "export the session.\nWithout --headless the window opens, pre-populated "
                       "with the given listeners and clients."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption headless(QStringLiteral("headless"),
                                      QStringLiteral("Run without a window; print one line per "
                                                     "event to stdout."));
    const QCommandLineOption listen(
        QStringLiteral("listen"),
        QStringLiteral("Listen on ADDR:PORT (repeatable). ADDR: localhost, any, any6, or a "
                       "literal address ([::1] for IPv6); PORT 0 lets the kernel pick."),
        QStringLiteral("ADDR:PORT"));
    const QCommandLineOption backlog(
        QStringLiteral("backlog"),
        QStringLiteral("Listen backlog (default %1).").arg(ListenerConfig::kDefaultBacklog),
        QStringLiteral("N"));
    const QCommandLineOption respond(
        QStringLiteral("respond"),
        QStringLiteral("How listeners answer: manual (default), echo, discard, reply:FILE "
                       "(a regular file, streamed to each connection in chunks), "
                       "rules:FILE (answers each framed message by the first matching rule; "
                       "docs/rules-format.md), forward:HOST:PORT (a relay) or "
                       "forward-tls:HOST:PORT (a relay with "
                       "TLS towards the upstream)."),
        QStringLiteral("MODE"));
    const QCommandLineOption rewrite(
        QStringLiteral("rewrite"),
        QStringLiteral("With --respond forward:HOST:PORT, rewrite the relayed bytes "
                       "(repeatable): [up:|down:|both:]s/TEXT/TEXT/, x/HEX/HEX/ or "
                       "r/REGEX/REPLACEMENT/ (\\1 to \\9 for groups; per line)."),
        QStringLiteral("RULE"));
    const QCommandLineOption connectTo(QStringLiteral("connect"),
                                       QStringLiteral("Connect to HOST:PORT (repeatable)."),
                                       QStringLiteral("HOST:PORT"));
    const QCommandLineOption send(QStringLiteral("send"),
                                  QStringLiteral("Text each client sends once connected."),
                                  QStringLiteral("TEXT"));
    const QCommandLineOption sendFile(
        QStringLiteral("send-file"),
        QStringLiteral("Regular file each client sends once connected (after --send), "
                       "streamed in chunks."),
        QStringLiteral("FILE"));
    const QCommandLineOption halfClose(
        QStringLiteral("half-close"),
        QStringLiteral("Clients shut down their write side after sending (one exchange)."));
    const QCommandLineOption connectTimeout(
        QStringLiteral("connect-timeout"),
        QStringLiteral("Seconds a client waits for the connect, 0.001 to %1 (default %2).")
            .arg(kMaxConnectTimeoutSeconds)
            .arg(ClientConfig::kDefaultConnectTimeoutMs / 1000),
        QStringLiteral("SECONDS"));
    const QCommandLineOption source(
        QStringLiteral("source"),
        QStringLiteral("Clients bind to ADDR:PORT before connecting. ADDR as for --listen; PORT "
                       "0 lets the kernel pick. No SO_REUSEADDR: a port in use (or in TIME_WAIT) "
                       "fails with EADDRINUSE."),
        QStringLiteral("ADDR:PORT"));
    const QCommandLineOption noDelay(
        QStringLiteral("nodelay"),
        QStringLiteral("Clients set TCP_NODELAY (no Nagle's algorithm: small writes leave at "
                       "once)."));
    const QCommandLineOption keepAlive(
        QStringLiteral("keepalive"),
        QStringLiteral("Clients set SO_KEEPALIVE (the kernel probes an idle connection)."));
    const QCommandLineOption abortAfter(
        QStringLiteral("abort-after"),
        QStringLiteral("Reset (RST) each client SECONDS after it connects, and each accepted "
                       "connection SECONDS after its accept (0 at once, or 0.001 to %1).")
            .arg(kMaxAbortAfterSeconds),
        QStringLiteral("SECONDS"));
    const QCommandLineOption listenTls(
        QStringLiteral("listen-tls"),
        QStringLiteral("Listen with TLS on ADDR:PORT (repeatable); the certificate is --cert, "
                       "or SockScope's own for localhost, issued by its local CA."),
        QStringLiteral("ADDR:PORT"));
    const QCommandLineOption connectTls(QStringLiteral("connect-tls"),
                                        QStringLiteral("Connect with TLS to HOST:PORT "
                                                       "(repeatable)."),
                                        QStringLiteral("HOST:PORT"));
    const QCommandLineOption cert(
        QStringLiteral("cert"),
        QStringLiteral("PEM certificate of TLS listeners (further certificates in the file "
                       "are sent as its chain)."),
        QStringLiteral("FILE"));
    const QCommandLineOption key(
        QStringLiteral("key"),
        QStringLiteral("PEM private key of --cert (default: the key in --cert's file)."),
        QStringLiteral("FILE"));
    const QCommandLineOption ca(
        QStringLiteral("ca"),
        QStringLiteral("PEM CA certificates TLS clients and forward-tls trust instead of the "
                       "system's; with --request-client-cert, those client certificates must "
                       "chain to."),
        QStringLiteral("FILE"));
    const QCommandLineOption insecure(
        QStringLiteral("insecure"),
        QStringLiteral("TLS clients go on when the server's certificate does not verify (the "
                       "result is still shown)."));
    const QCommandLineOption sni(
        QStringLiteral("sni"),
        QStringLiteral("Server name TLS clients send and verify (default: the host connected "
                       "to)."),
        QStringLiteral("NAME"));
    const QCommandLineOption alpn(
        QStringLiteral("alpn"),
        QStringLiteral("ALPN protocols, comma-separated: offered by TLS clients, accepted by "
                       "TLS listeners in this order."),
        QStringLiteral("LIST"));
    const QCommandLineOption clientCert(QStringLiteral("client-cert"),
                                        QStringLiteral("PEM certificate TLS clients present "
                                                       "when the server asks for one."),
                                        QStringLiteral("FILE"));
    const QCommandLineOption clientKey(
        QStringLiteral("client-key"),
        QStringLiteral("PEM private key of --client-cert (default: the key in its file)."),
        QStringLiteral("FILE"));
    const QCommandLineOption requestClientCert(
        QStringLiteral("request-client-cert"),
        QStringLiteral("TLS listeners ask each client for a certificate and verify it."));
    const QCommandLineOption tlsKeyLog(
        QStringLiteral("tls-keylog"),
        QStringLiteral("Append every TLS connection's secrets to FILE in the NSS key log format "
                       "(SSLKEYLOGFILE), for Wireshark."),
        QStringLiteral("FILE"));
    const QCommandLineOption exportCa(
        QStringLiteral("export-ca"),
        QStringLiteral("Write SockScope's local CA certificate (PEM) to FILE, to trust it; "
                       "alone, exit after."),
        QStringLiteral("FILE"));
    const QCommandLineOption exportTo(
        QStringLiteral("export"),
        QStringLiteral("Write the session to FILE on exit; the extension picks the format."),
        QStringLiteral("FILE"));
    const QCommandLineOption record(
        QStringLiteral("record"),
        QStringLiteral("Stream every event to FILE (JSON Lines) as it happens; survives a "
                       "crash and is not limited by the capture budget."),
        QStringLiteral("FILE"));
    const QCommandLineOption importFrom(
        QStringLiteral("import"),
        QStringLiteral("Open a saved JSON Lines session (read-only). Headless, it prints the "
                       "events; with --export it converts the session to another format."),
        QStringLiteral("FILE"));
    const QCommandLineOption duration(QStringLiteral("duration"),
                                      QStringLiteral("Stop after SECONDS (headless; 0.001 to "
                                                     "%1, 24 days).")
                                          .arg(kMaxDurationSeconds),
                                      QStringLiteral("SECONDS"));
    const QCommandLineOption listSockets(
        QStringLiteral("list-sockets"),
        QStringLiteral("Print every TCP socket of this machine, one line each (state, "
                       "addresses, queues, owner), and the ephemeral port range; then exit."));
    const QCommandLineOption budget(
        QStringLiteral("capture-budget"),
        QStringLiteral("Disk for captured payload, e.g. 2G (default: half the free space of the "
                       "capture folder, at most 4G). Beyond it the busiest connections lose "
                       "their oldest data first, counted; every connection keeps its first "
                       "64K each way."),
        QStringLiteral("BYTES"));
    const QCommandLineOption captureDir(
        QStringLiteral("capture-dir"),
        QStringLiteral("Folder for the capture file (default: the system temp folder). The "
                       "file is deleted when SockScope exits."),
        QStringLiteral("DIR"));
    const QCommandLineOption keep(
        QStringLiteral("keep"),
        QStringLiteral("Payload each connection keeps: all (default), head:SIZE (the first "
                       "SIZE bytes each way, e.g. head:64K) or none (counts only)."),
        QStringLiteral("POLICY"));
    parser.addOptions({headless,  listen,     backlog,   respond,        rewrite,    connectTo,
                       send,      sendFile,   halfClose, connectTimeout, source,     noDelay,
                       keepAlive, abortAfter, exportTo,  record,         importFrom, duration,
                       budget,    captureDir, keep,      listSockets});
    parser.addOptions({listenTls, connectTls, cert, key, ca, insecure, sni, alpn, clientCert,
                       clientKey, requestClientCert, tlsKeyLog, exportCa});
    const QCommandLineOption replay(
        QStringLiteral("replay"),
        QStringLiteral("Replay a saved session (JSON Lines, or a Follow TCP Stream YAML of "
                       "tshark -z follow,tcp,yaml,N) as its client against --target, compare "
                       "the server's answers and exit 0 (all matched), 3 (something differed) "
                       "or 1 (the server could not be reached)."),
        QStringLiteral("FILE"));
    const QCommandLineOption run(
        QStringLiteral("run"),
        QStringLiteral("Run a scenario file (steps over one connection: connect, send, expect, "
                       "wait, half_close, close) and exit 0 (every step held), 3 (a step "
                       "failed) or 1 (no connection)."),
        QStringLiteral("FILE"));
    const QCommandLineOption target(QStringLiteral("target"),
                                    QStringLiteral("The live server --replay talks to, or the "
                                                   "address --run connects to instead of the "
                                                   "file's."),
                                    QStringLiteral("HOST:PORT"));
    const QCommandLineOption targetTls(
        QStringLiteral("target-tls"),
        QStringLiteral("As --target, with TLS: --sni, --alpn, --ca, --insecure and "
                       "--client-cert apply as for --connect-tls."),
        QStringLiteral("HOST:PORT"));
    const QCommandLineOption timing(
        QStringLiteral("timing"),
        QStringLiteral("Pauses before the client's turns: asap (default), original, or "
                       "scale:F (the original pauses times F)."),
        QStringLiteral("MODE"));
    const QCommandLineOption mask(
        QStringLiteral("mask"),
        QStringLiteral("A regular expression for volatile fields of the server's answers "
                       "(dates, ids) that --replay does not compare (repeatable)."),
        QStringLiteral("REGEX"));
    const QCommandLineOption diffReport(
        QStringLiteral("diff-report"),
        QStringLiteral("Write --replay's result per conversation, or --run's per step, with "
                       "the first difference (byte offset, expected and got as hex and "
                       "text), as JSON."),
        QStringLiteral("FILE"));
    const QCommandLineOption expectTimeout(
        QStringLiteral("expect-timeout"),
        QStringLiteral("How long --replay waits for each of the server's answers, and --run's "
                       "expect steps without a timeout of their own (default 5 seconds)."),
        QStringLiteral("SECONDS"));
    parser.addOptions({replay, run, target, targetTls, timing, mask, diffReport, expectTimeout});

    ParseOutcome outcome;
    if (!parser.parse(arguments))
        return failure(parser.errorText());
    // addHelpOption() also adds --help-all (help with Qt's own options).
    if (parser.isSet(helpOption) || parser.isSet(QStringLiteral("help-all"))) {
        outcome.output = parser.helpText();
        return outcome;
    }
    if (parser.isSet(versionOption)) {
        outcome.output = QStringLiteral("sockscope %1\n").arg(QStringLiteral(SOCKSCOPE_VERSION));
        return outcome;
    }
    if (!parser.positionalArguments().isEmpty())
        return failure(QStringLiteral("unexpected argument '%1'")
                           .arg(parser.positionalArguments().constFirst()));

    CommandLine cl;
    cl.listSockets = parser.isSet(listSockets);
    cl.headless = parser.isSet(headless) || cl.listSockets;
    if (parser.isSet(budget)) {
        const auto bytes = parseByteSize(parser.value(budget));
        if (!bytes)
            return failure(
                QStringLiteral("--capture-budget: '%1' is not a size").arg(parser.value(budget)));
        cl.capture.budget = *bytes;
    }
    if (parser.isSet(captureDir)) {
        cl.capture.dir = parser.value(captureDir);
        const QFileInfo dir(cl.capture.dir);
        if (!dir.isDir() || !dir.isWritable())
            return failure(
                QStringLiteral("--capture-dir: '%1' is not a writable folder").arg(cl.capture.dir));
    }
    KeepPolicy keepPolicy;
    if (parser.isSet(keep)) {
        QString error;
        const auto parsed = KeepPolicy::parse(parser.value(keep), &error);
        if (!parsed)
            return failure(QStringLiteral("--keep: %1").arg(error));
        keepPolicy = *parsed;
        cl.keep = keepPolicy;
    }

    QStringList alpnList;
    if (parser.isSet(alpn)) {
        alpnList = parser.value(alpn).split(u',', Qt::SkipEmptyParts);
        for (const QString& protocol : alpnList) {
            if (const QString problem = alpnProtocolProblem(protocol); !problem.isEmpty())
                return failure(QStringLiteral("--alpn: ") + problem);
        }
    }
    // A client's side (--connect-tls, forward-tls) and a listener's.
    TlsOptions clientTls;
    clientTls.enabled = true;
    clientTls.sni = parser.value(sni);
    clientTls.alpn = alpnList;
    clientTls.verify = !parser.isSet(insecure);
    clientTls.caFile = parser.value(ca);
    clientTls.certFile = parser.value(clientCert);
    clientTls.keyFile = parser.value(clientKey);
    TlsOptions serverTls;
    serverTls.enabled = true;
    serverTls.alpn = alpnList;
    serverTls.certFile = parser.value(cert);
    serverTls.keyFile = parser.value(key);
    serverTls.requestClientCert = parser.isSet(requestClientCert);
    serverTls.caFile = serverTls.requestClientCert ? parser.value(ca) : QString();
    cl.tlsKeyLogPath = parser.value(tlsKeyLog);
    cl.exportCaPath = parser.value(exportCa);

    ResponderConfig responder;
    if (parser.isSet(respond)) {
        QString error;
        const auto parsed = ResponderConfig::parse(parser.value(respond), &error);
        if (!parsed)
            return failure(QStringLiteral("--respond: %1").arg(error));
        responder = *parsed;
        if (responder.upstreamTls.enabled)
            responder.upstreamTls = clientTls;
    }
    for (const QString& spec : parser.values(rewrite)) {
        if (responder.kind != ResponderConfig::Kind::Forward)
            return failure(QStringLiteral("--rewrite: only a relay rewrites; add --respond "
                                          "forward:HOST:PORT"));
        QString error;
        const auto rule = RewriteRule::parse(spec, &error);
        if (!rule)
            return failure(QStringLiteral("--rewrite: %1").arg(error));
        responder.rewrites.append(*rule);
    }
    int backlogValue = ListenerConfig::kDefaultBacklog;
    if (parser.isSet(backlog)) {
        bool ok = false;
        backlogValue = parser.value(backlog).toInt(&ok);
        if (!ok || backlogValue < 0 || backlogValue > 65535)
            return failure(QStringLiteral("--backlog: '%1' is not a number from 0 to 65535")
                               .arg(parser.value(backlog)));
    }
    std::optional<int> abortAfterMs;
    if (parser.isSet(abortAfter)) {
        abortAfterMs = parseSecondsAsMs(parser.value(abortAfter), true, kMaxAbortAfterSeconds);
        if (!abortAfterMs)
            return failure(
                QStringLiteral("--abort-after: '%1' is not %2")
                    .arg(parser.value(abortAfter), secondsRange(true, kMaxAbortAfterSeconds)));
    }
    QList<std::pair<QString, bool>> listenValues; // ADDR:PORT, with TLS
    for (const QString& value : parser.values(listen))
        listenValues.append({value, false});
    for (const QString& value : parser.values(listenTls))
        listenValues.append({value, true});
    for (const auto& [value, withTls] : listenValues) {
        const QString option =
            withTls ? QStringLiteral("--listen-tls") : QStringLiteral("--listen");
        QString error;
        const auto hostPort = parseHostPort(value, &error);
        if (!hostPort)
            return failure(QStringLiteral("%1: %2").arg(option, error));
        const auto bindAddress = parseBindAddress(hostPort->host, &error);
        if (!bindAddress)
            return failure(QStringLiteral("%1: %2").arg(option, error));
        // A relay to its own listener would accept its own upstream
        // connections without end, until the descriptors run out.
        if (responder.kind == ResponderConfig::Kind::Forward && hostPort->port != 0 &&
            responder.upstream.port == hostPort->port &&
            QHostAddress(responder.upstream.host) == *bindAddress)
            return failure(QStringLiteral("--respond: forward:%1 is this listener itself")
                               .arg(formatHostPort(responder.upstream)));
        ListenerConfig config;
        config.address = hostPort->host;
        config.port = hostPort->port;
        config.backlog = backlogValue;
        config.responder = responder;
        config.keep = keepPolicy;
        config.abortAfterMs = abortAfterMs;
        if (withTls)
            config.tls = serverTls;
        cl.listeners.append(config);
    }

    const QByteArray payload = parser.value(send).toUtf8();
    // Opened now, so that a missing file, a FIFO or a device is an error at
    // start; read a chunk at a time as each client's connection drains.
    std::shared_ptr<const FileSource> payloadFile;
    if (parser.isSet(sendFile)) {
        QString reason;
        payloadFile = FileSource::open(parser.value(sendFile), &reason);
        if (!payloadFile)
            return failure(QStringLiteral("--send-file: cannot read '%1': %2")
                               .arg(parser.value(sendFile), reason));
    }
    int timeoutMs = ClientConfig::kDefaultConnectTimeoutMs;
    if (parser.isSet(connectTimeout)) {
        const std::optional<int> ms =
            parseSecondsAsMs(parser.value(connectTimeout), false, kMaxConnectTimeoutSeconds);
        if (!ms)
            return failure(QStringLiteral("--connect-timeout: '%1' is not %2")
                               .arg(parser.value(connectTimeout),
                                    secondsRange(false, kMaxConnectTimeoutSeconds)));
        timeoutMs = *ms;
    }
    HostPort sourceEndpoint;
    if (parser.isSet(source)) {
        QString error;
        const auto hostPort = parseHostPort(parser.value(source), &error);
        if (!hostPort)
            return failure(QStringLiteral("--source: %1").arg(error));
        if (!parseBindAddress(hostPort->host, &error))
            return failure(QStringLiteral("--source: %1").arg(error));
        sourceEndpoint = *hostPort;
    }
    QList<std::pair<QString, bool>> connectValues; // HOST:PORT, with TLS
    for (const QString& value : parser.values(connectTo))
        connectValues.append({value, false});
    for (const QString& value : parser.values(connectTls))
        connectValues.append({value, true});
    for (const auto& [value, withTls] : connectValues) {
        const QString option =
            withTls ? QStringLiteral("--connect-tls") : QStringLiteral("--connect");
        QString error;
        const auto hostPort = parseHostPort(value, &error);
        if (!hostPort)
            return failure(QStringLiteral("%1: %2").arg(option, error));
        if (hostPort->port == 0)
            return failure(QStringLiteral("%1: port 0 cannot be connected to").arg(option));
        ClientConfig config;
        config.host = hostPort->host;
        config.port = hostPort->port;
        config.sendOnConnect = payload;
        config.sendFile = payloadFile;
        config.halfCloseAfterSend = parser.isSet(halfClose);
        config.connectTimeoutMs = timeoutMs;
        config.keep = keepPolicy;
        config.sourceAddress = sourceEndpoint.host;
        config.sourcePort = sourceEndpoint.port;
        config.noDelay = parser.isSet(noDelay);
        config.keepAlive = parser.isSet(keepAlive);
        config.abortAfterMs = abortAfterMs;
        if (withTls)
            config.tls = clientTls;
        cl.clients.append(config);
    }

    if (parser.isSet(duration)) {
        const std::optional<int> ms =
            parseSecondsAsMs(parser.value(duration), false, kMaxDurationSeconds);
        if (!ms)
            return failure(
                QStringLiteral("--duration: '%1' is not %2 (24 days)")
                    .arg(parser.value(duration), secondsRange(false, kMaxDurationSeconds)));
        cl.durationSeconds = *ms / 1000.0;
    }
    cl.exportPath = parser.value(exportTo);
    cl.recordPath = parser.value(record);
    cl.importPath = parser.value(importFrom);
    if (!cl.importPath.isEmpty() && (!cl.listeners.isEmpty() || !cl.clients.isEmpty()))
        return failure(QStringLiteral("--import shows a saved session; it cannot be combined "
                                      "with --listen or --connect"));
    if (cl.listSockets &&
        (!cl.listeners.isEmpty() || !cl.clients.isEmpty() || !cl.importPath.isEmpty()))
        return failure(QStringLiteral("--list-sockets lists the machine's sockets and exits; it "
                                      "cannot be combined with --listen, --connect or --import"));
    if (parser.isSet(replay)) {
        // As the client against --target, or as the server on one --listen.
        const bool tlsTarget = parser.isSet(targetTls);
        if (tlsTarget && parser.isSet(target))
            return failure(QStringLiteral("--target and --target-tls: give one"));
        const QCommandLineOption& targetOption = tlsTarget ? targetTls : target;
        const bool serves = cl.listeners.size() == 1 && !parser.isSet(targetOption);
        if ((!cl.listeners.isEmpty() && !serves) || !cl.clients.isEmpty() ||
            !cl.importPath.isEmpty() || parser.isSet(run))
            return failure(QStringLiteral("--replay plays a saved session as its client against "
                                          "--target HOST:PORT, or as its server on one --listen "
                                          "ADDR:PORT; it cannot be combined with --connect, "
                                          "--import, --run or more listeners"));
        ReplayOptions replayOptions;
        if (serves) {
            replayOptions.asServer = true;
            replayOptions.host = cl.listeners.constFirst().address;
            replayOptions.port = cl.listeners.constFirst().port;
            cl.listeners.clear();
        } else {
            QString reason;
            const std::optional<HostPort> to = parseHostPort(parser.value(targetOption), &reason);
            if (!parser.isSet(targetOption) || !to || to->port == 0)
                return failure(
                    QStringLiteral("--replay needs --target HOST:PORT (or --listen ADDR:PORT)%1")
                        .arg(parser.isSet(targetOption)
                                 ? QStringLiteral(": ") + (to ? QStringLiteral("port 0") : reason)
                                 : QString()));
            replayOptions.host = to->host;
            replayOptions.port = to->port;
            if (tlsTarget)
                replayOptions.tls = clientTls;
        }
        const QString pace = parser.value(timing);
        bool scaled = false;
        const double scale = pace.startsWith(u"scale:") ? pace.mid(6).toDouble(&scaled) : 0;
        if (pace == u"original")
            replayOptions.timeScale = 1;
        else if (scaled && std::isfinite(scale) && scale >= 0 && scale <= 1000)
            replayOptions.timeScale = scale;
        else if (!pace.isEmpty() && pace != u"asap")
            return failure(QStringLiteral("--timing: '%1' is not asap, original or scale:F "
                                          "(F from 0 to 1000)")
                               .arg(pace));
        for (const QString& pattern : parser.values(mask)) {
            const QRegularExpression expression(pattern);
            if (!expression.isValid())
                return failure(QStringLiteral("--mask: '%1' is not a regular expression: %2")
                                   .arg(pattern, expression.errorString()));
            replayOptions.masks.append(expression);
        }
        if (parser.isSet(expectTimeout)) {
            const std::optional<int> ms =
                parseSecondsAsMs(parser.value(expectTimeout), false, kMaxConnectTimeoutSeconds);
            if (!ms)
                return failure(QStringLiteral("--expect-timeout: '%1' is not %2")
                                   .arg(parser.value(expectTimeout),
                                        secondsRange(false, kMaxConnectTimeoutSeconds)));
            replayOptions.expectTimeoutMs = *ms;
        }
        cl.replayPath = parser.value(replay);
        cl.replay = replayOptions;
        cl.diffReportPath = parser.value(diffReport);
        cl.headless = true;
    } else if (parser.isSet(run)) {
        if (!cl.listeners.isEmpty() || !cl.clients.isEmpty() || !cl.importPath.isEmpty() ||
            parser.isSet(mask) || parser.isSet(timing) || parser.isSet(targetTls))
            return failure(QStringLiteral("--run runs a scenario on a connection of its own; it "
                                          "cannot be combined with --listen, --connect, "
                                          "--import, --replay, --mask, --timing or "
                                          "--target-tls (TLS is in the file)"));
        if (parser.isSet(target)) {
            QString reason;
            const std::optional<HostPort> to = parseHostPort(parser.value(target), &reason);
            if (!to || to->port == 0)
                return failure(
                    QStringLiteral("--target: %1").arg(to ? QStringLiteral("port 0") : reason));
            cl.scenarioTarget = to;
        }
        if (parser.isSet(expectTimeout)) {
            const std::optional<int> ms =
                parseSecondsAsMs(parser.value(expectTimeout), false, kMaxConnectTimeoutSeconds);
            if (!ms || *ms < 1)
                return failure(QStringLiteral("--expect-timeout: '%1' is not %2")
                                   .arg(parser.value(expectTimeout),
                                        secondsRange(false, kMaxConnectTimeoutSeconds)));
            cl.scenarioTimeoutMs = *ms;
        }
        cl.scenarioPath = parser.value(run);
        cl.diffReportPath = parser.value(diffReport);
        cl.headless = true;
    } else if (parser.isSet(target) || parser.isSet(targetTls) || parser.isSet(diffReport) ||
               parser.isSet(mask) || parser.isSet(expectTimeout) || parser.isSet(timing)) {
        return failure(QStringLiteral("--target, --mask, --timing, --expect-timeout and "
                                      "--diff-report go with --replay or --run"));
    }
    if (!cl.exportPath.isEmpty() && !exportFormatForPath(cl.exportPath))
        return failure(QStringLiteral("--export: cannot tell the format of '%1' from its "
                                      "extension: use .jsonl, .csv, .html, .pcap or .pcapng")
                           .arg(cl.exportPath));
    outcome.commandLine = cl;
    return outcome;
}

} // namespace sockscope
