#pragma once

#include "engine/config.h"

#include <QByteArray>
#include <QRegularExpression>
#include <QString>

#include <functional>
#include <optional>
#include <vector>

namespace sockscope {

// One step of a scenario (docs/scenario-format.md): an action on the
// scenario's one connection, or an expectation of what the server sends.
struct ScenarioStep {
    enum class Kind { Connect, Send, Expect, Wait, HalfClose, Close };
    enum class Expectation { Bytes, Regex, Eof };

    Kind kind = Kind::Wait;
    QString name;         // the file's "name", shown with the step
    int timeoutMs = 0;    // Connect, Expect; and how long any step may stall
    ClientConfig connect; // Connect: host, port, TLS
    QByteArray bytes;     // Send; Expect Bytes
    Expectation expectation = Expectation::Bytes;
    QRegularExpression regex; // Expect Regex
    int waitMs = 0;           // Wait
    bool reset = false;       // Close: an RST instead of a FIN

    // The step as a person reads it: "expect text \"PJLINK 0\\r\"".
    QString summary() const;
};

struct Scenario {
    static constexpr int kDefaultTimeoutMs = 5000;
    static constexpr int kConnectTimeoutMs = 10000;
    static constexpr int kMaxSteps = 10000;
    static constexpr qint64 kMaxFileBytes = 16 << 20;
    static constexpr qint64 kMaxSendFileBytes = 64 << 20;
    // All send steps together: the scenario holds their bytes while it runs.
    static constexpr qint64 kMaxSendBytes = 256 << 20;

    QString name;
    std::vector<ScenarioStep> steps; // steps.front() is the one Connect
};

// Finds a message the file names with {"send": {"library": NAME}} when the
// file gives no "library" of its own (the window's saved messages): the
// bytes, or nullopt when there is no such message.
using LibraryLookup = std::function<std::optional<QByteArray>(const QString& name)>;

struct ScenarioLoadOptions {
    int defaultTimeoutMs = Scenario::kDefaultTimeoutMs; // when the file has no timeout_ms
    LibraryLookup library;                              // may be empty
};

// The scenario in the file at path, or nullopt with the reason, naming the
// file and the place in it ("steps[3].expect.regex: ..."), in error.
std::optional<Scenario> loadScenario(const QString& path, const ScenarioLoadOptions& options,
                                     QString* error);

} // namespace sockscope
