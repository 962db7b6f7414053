#include "cli/scenariorun.h"

#include "base/endpoint.h"
#include "cli/commandline.h"
#include "cli/diffreport.h"
#include "cli/linequoting.h"
#include "cli/scenariorunner.h"
#include "formats/jsonlrecorder.h"
#include "formats/sessionexport.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonObject>

#include <cstdio>

namespace sockscope {

namespace {
using Outcome = ScenarioStepResult::Outcome;

QString kindName(ScenarioStep::Kind kind) {
    switch (kind) {
    case ScenarioStep::Kind::Connect:
        return QStringLiteral("connect");
    case ScenarioStep::Kind::Send:
        return QStringLiteral("send");
    case ScenarioStep::Kind::Expect:
        return QStringLiteral("expect");
    case ScenarioStep::Kind::Wait:
        return QStringLiteral("wait");
    case ScenarioStep::Kind::HalfClose:
        return QStringLiteral("half_close");
    case ScenarioStep::Kind::Close:
        return QStringLiteral("close");
    }
    return {};
}

QString outcomeName(Outcome outcome) {
    switch (outcome) {
    case Outcome::Ok:
        return QStringLiteral("ok");
    case Outcome::Fail:
        return QStringLiteral("fail");
    case Outcome::Skipped:
        return QStringLiteral("skipped");
    }
    return {};
}

QString resultName(ScenarioRunner::Result result) {
    switch (result) {
    case ScenarioRunner::Result::Pass:
        return QStringLiteral("pass");
    case ScenarioRunner::Result::Fail:
        return QStringLiteral("fail");
    case ScenarioRunner::Result::Unreachable:
        return QStringLiteral("unreachable");
    }
    return {};
}

// A failed expect shows where it stopped holding; other failures only why.
bool showsBytes(const ScenarioStep& step, const ScenarioStepResult& r) {
    return r.outcome == Outcome::Fail && step.kind == ScenarioStep::Kind::Expect;
}

QByteArray stepLine(const Scenario& scenario, const ScenarioStepResult& r) {
    const ScenarioStep& step = scenario.steps.at(r.step);
    QString line = QStringLiteral("step %1/%2 %3 %4")
                       .arg(r.step + 1)
                       .arg(scenario.steps.size())
                       .arg(outcomeName(r.outcome), kindName(step.kind));
    if (!step.name.isEmpty())
        line += QStringLiteral(" name=") + quotedText(step.name);
    if (!r.local.isEmpty())
        line += QStringLiteral(" local=") + r.local;
    if (r.outcome == Outcome::Ok && step.kind == ScenarioStep::Kind::Send)
        line += QStringLiteral(" bytes=%1").arg(r.bytes);
    if (showsBytes(step, r))
        line += QStringLiteral(" offset=%1 expected=%2 got=%3")
                    .arg(r.offset)
                    .arg(quotedBytes(r.expected), quotedBytes(r.got));
    if (!r.reason.isEmpty())
        line += QStringLiteral(" reason=") + quotedText(r.reason);
    if (r.outcome != Outcome::Skipped)
        line += QStringLiteral(" ms=%1").arg(r.ms);
    return line.toUtf8() + '\n';
}

QJsonObject stepJson(const Scenario& scenario, const ScenarioStepResult& r) {
    const ScenarioStep& step = scenario.steps.at(r.step);
    QJsonObject o{{QStringLiteral("step"), r.step + 1},
                  {QStringLiteral("kind"), kindName(step.kind)},
                  {QStringLiteral("result"), outcomeName(r.outcome)}};
    if (!step.name.isEmpty())
        o.insert(QStringLiteral("name"), step.name);
    if (r.outcome != Outcome::Skipped)
        o.insert(QStringLiteral("ms"), r.ms);
    if (showsBytes(step, r)) {
        addDifference(o, r.offset, r.expected, r.got);
    }
    if (!r.reason.isEmpty())
        o.insert(QStringLiteral("reason"), r.reason);
    return o;
}

bool writeReport(const QString& path, const QString& scenarioPath, const QString& result,
                 const QJsonArray& steps, QString* error) {
    const QJsonObject report{{QStringLiteral("sockscope_scenario_report"), 1},
                             {QStringLiteral("scenario"), scenarioPath},
                             {QStringLiteral("result"), result},
                             {QStringLiteral("steps"), steps}};
    return writeDiffReport(path, report, error);
}

void print(const QByteArray& line) {
    std::fputs(line.constData(), stdout);
    std::fflush(stdout);
}
} // namespace

int runScenario(const CommandLine& cl) {
    ScenarioLoadOptions options;
    if (cl.scenarioTimeoutMs)
        options.defaultTimeoutMs = *cl.scenarioTimeoutMs;
    QString error;
    std::optional<Scenario> scenario = loadScenario(cl.scenarioPath, options, &error);
    if (!scenario) {
        std::fprintf(stderr, "sockscope: %s\n", qPrintable(error));
        return 2;
    }
    ClientConfig& connect = scenario->steps.front().connect;
    if (cl.scenarioTarget) {
        connect.host = cl.scenarioTarget->host;
        connect.port = cl.scenarioTarget->port;
    }
    connect.keep = cl.keep.value_or(connect.keep);

    CaptureOptions capture = cl.capture;
    capture.storePayload = true; // an expect may need more than a batch's preview
    Engine engine(capture);
    if (!cl.recordPath.isEmpty())
        engine.startRecording(std::make_unique<JsonlRecorder>(cl.recordPath));
    if (!cl.tlsKeyLogPath.isEmpty())
        engine.setTlsKeyLog(cl.tlsKeyLogPath);
    ScenarioRunner runner(&engine, *scenario);

    // One arg() call: the name may hold "%2" itself.
    print(QStringLiteral("scenario name=%1 steps=%2 target=%3\n")
              .arg(quotedText(scenario->name), QString::number(scenario->steps.size()),
                   formatHostPort({connect.host, connect.port}))
              .toUtf8());
    QJsonArray reportSteps;
    int passed = 0;
    int failedStep = 0;
    QObject::connect(&runner, &ScenarioRunner::stepFinished, [&](const ScenarioStepResult& result) {
        print(stepLine(*scenario, result));
        reportSteps.append(stepJson(*scenario, result));
        if (result.outcome == Outcome::Ok)
            ++passed;
        else if (result.outcome == Outcome::Fail)
            failedStep = result.step + 1;
    });
    QEventLoop loop;
    ScenarioRunner::Result result = ScenarioRunner::Result::Pass;
    QObject::connect(&runner, &ScenarioRunner::finished, &loop, [&](ScenarioRunner::Result how) {
        result = how;
        engine.closeAll(); // the connection's last events, then shutdown
    });
    QObject::connect(&engine, &Engine::shutdownComplete, &loop, &QEventLoop::quit);
    runner.start();
    loop.exec();

    QString last = QStringLiteral("scenario result=%1").arg(resultName(result));
    if (failedStep > 0)
        last += QStringLiteral(" failed_step=%1").arg(failedStep);
    last += QStringLiteral(" passed=%1 steps=%2 unread=%3\n")
                .arg(passed)
                .arg(scenario->steps.size())
                .arg(runner.unreadBytes());
    print(last.toUtf8());

    int exitCode = result == ScenarioRunner::Result::Pass          ? 0
                   : result == ScenarioRunner::Result::Unreachable ? 1
                                                                   : 3;
    if (!cl.diffReportPath.isEmpty() &&
        !writeReport(cl.diffReportPath, cl.scenarioPath, resultName(result), reportSteps, &error)) {
        std::fprintf(stderr, "sockscope: cannot write the diff report '%s': %s\n",
                     qPrintable(cl.diffReportPath), qPrintable(error));
        exitCode = exitCode == 0 ? 1 : exitCode;
    }
    if (!cl.exportPath.isEmpty()) {
        const auto format = exportFormatForPath(cl.exportPath);
        if (format && !exportSession(engine.store(), cl.exportPath, *format, &error)) {
            std::fprintf(stderr, "sockscope: export failed: %s\n", qPrintable(error));
            exitCode = exitCode == 0 ? 1 : exitCode;
        }
    }
    return exitCode;
}

} // namespace sockscope
