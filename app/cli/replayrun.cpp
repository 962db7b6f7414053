#include "cli/replayrun.h"

#include "cli/commandline.h"
#include "cli/diffreport.h"
#include "cli/linequoting.h"
#include "cli/replayplayer.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonObject>

#include <cstdio>

namespace sockscope {

namespace {
QString outcomeName(ReplayResult::Outcome outcome) {
    switch (outcome) {
    case ReplayResult::Outcome::Match:
        return QStringLiteral("match");
    case ReplayResult::Outcome::Differ:
        return QStringLiteral("differ");
    case ReplayResult::Outcome::Unreachable:
        return QStringLiteral("unreachable");
    }
    return {};
}

QByteArray resultLine(const ReplayResult& r) {
    QString line =
        QStringLiteral("replay conn=%1 result=%2").arg(r.conn).arg(outcomeName(r.outcome));
    if (r.outcome == ReplayResult::Outcome::Differ)
        line += QStringLiteral(" message=%1 offset=%2 expected=%3 got=%4")
                    .arg(r.message)
                    .arg(r.offset)
                    .arg(quotedBytes(r.expected), quotedBytes(r.got));
    if (!r.reason.isEmpty())
        line += QStringLiteral(" reason=") + quotedText(r.reason);
    return line.toUtf8() + '\n';
}

QJsonObject resultJson(const ReplayResult& r) {
    QJsonObject o{{QStringLiteral("conn"), r.conn},
                  {QStringLiteral("result"), outcomeName(r.outcome)}};
    if (r.outcome == ReplayResult::Outcome::Differ) {
        o.insert(QStringLiteral("message"), r.message);
        addDifference(o, r.offset, r.expected, r.got);
    }
    if (!r.reason.isEmpty())
        o.insert(QStringLiteral("reason"), r.reason);
    return o;
}

bool writeReport(const QString& path, const CommandLine& cl,
                 const std::vector<ReplayResult>& results, QString* error) {
    QJsonArray list;
    for (const ReplayResult& r : results)
        list.append(resultJson(r));
    const QJsonObject report{
        {QStringLiteral("sockscope_replay_report"), 1},
        {QStringLiteral("session"), cl.replayPath},
        {cl.replay.asServer ? QStringLiteral("listen") : QStringLiteral("target"),
         QStringLiteral("%1:%2").arg(cl.replay.host).arg(cl.replay.port)},
        {QStringLiteral("conversations"), list}};
    return writeDiffReport(path, report, error);
}
} // namespace

int runReplay(const CommandLine& cl) {
    QString error;
    auto conversations = loadReplayConversations(cl.replayPath, &error);
    if (!conversations) {
        std::fprintf(stderr, "sockscope: %s\n", qPrintable(error));
        return 2;
    }
    ReplayPlayer player(std::move(*conversations), cl.replay);
    QEventLoop loop;
    QObject::connect(&player, &ReplayPlayer::conversationDone, [](const ReplayResult& result) {
        std::fputs(resultLine(result).constData(), stdout);
        std::fflush(stdout);
    });
    QObject::connect(&player, &ReplayPlayer::finished, &loop, &QEventLoop::quit);
    if (!player.start(&error)) {
        std::fprintf(stderr, "sockscope: %s\n", qPrintable(error));
        return 1;
    }
    if (cl.replay.asServer) { // the port the kernel picked, for the script
        std::printf("listening %s\n", qPrintable(player.listeningAddress()));
        std::fflush(stdout);
    }
    loop.exec();

    int exitCode = 0;
    for (const ReplayResult& r : player.results()) {
        if (r.outcome == ReplayResult::Outcome::Unreachable)
            exitCode = 1;
        else if (r.outcome == ReplayResult::Outcome::Differ && exitCode == 0)
            exitCode = 3;
    }
    if (!cl.diffReportPath.isEmpty() &&
        !writeReport(cl.diffReportPath, cl, player.results(), &error)) {
        std::fprintf(stderr, "sockscope: cannot write the diff report '%s': %s\n",
                     qPrintable(cl.diffReportPath), qPrintable(error));
        return exitCode == 0 ? 1 : exitCode;
    }
    return exitCode;
}

} // namespace sockscope
