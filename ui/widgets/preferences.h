#pragma once

#include "capture/capturestore.h"
#include "capture/keeppolicy.h"

#include <QString>

#include <optional>

namespace sockscope {

struct CommandLine;

// The window's preferences (File → Preferences…), kept in QSettings. Only
// the window reads them: a headless run depends on its command line alone,
// so that a script gives the same result on every machine.
struct Preferences {
    qint64 captureBudget = CaptureOptions::kAutoBudget;
    QString captureDir; // empty: the system temp folder
    KeepPolicy keep;    // for new listeners and clients

    static Preferences load();
    void save() const;

    friend bool operator==(const Preferences&, const Preferences&) = default;
};

// "auto", or the budget as a size such as "2G"; parseCaptureBudget reads
// either back (nullopt for anything else, or for a size of 0).
QString captureBudgetText(qint64 budget);
std::optional<qint64> parseCaptureBudget(const QString& text);

// What the window's engine captures with: the command line's budget and
// folder where it gave them, the preferences' elsewhere. A preferred folder
// that is no longer a writable folder gives way to the system temp folder,
// and *notice says so (empty otherwise).
CaptureOptions windowCaptureOptions(const CaptureOptions& commandLine,
                                    const Preferences& preferences, QString* notice);

// The command line with the preferences filled in where it is silent: the
// capture options, and the keep policy of its listeners and clients when
// --keep was not given.
CommandLine withPreferences(CommandLine commandLine, const Preferences& preferences,
                            QString* notice);

// What the Listen and Connect dialogs offer first: the policy given to
// overrideDefaultKeepPolicy (the window's --keep) if any, else the
// preference as it is now.
KeepPolicy defaultKeepPolicy();
void overrideDefaultKeepPolicy(const std::optional<KeepPolicy>& policy);

} // namespace sockscope
