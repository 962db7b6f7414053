#include "preferences.h"

#include "cli/commandline.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace sockscope {

namespace {
const QString kBudgetKey = QStringLiteral("preferences/captureBudget");
const QString kDirKey = QStringLiteral("preferences/captureDir");
const QString kKeepKey = QStringLiteral("preferences/keep");
const QString kAuto = QStringLiteral("auto");

// Set once, at the window's start, from --keep.
std::optional<KeepPolicy> g_keepOverride;

QString unusableFolderNotice(const QFileInfo& dir) {
    const QString path = QDir::toNativeSeparators(dir.filePath());
    if (!dir.exists())
        return QCoreApplication::translate("sockscope::Preferences",
                                           "The capture folder set in Preferences, %1, does not "
                                           "exist; capturing in the system temp folder instead.")
            .arg(path);
    if (!dir.isDir())
        return QCoreApplication::translate("sockscope::Preferences",
                                           "The capture folder set in Preferences, %1, is not a "
                                           "folder; capturing in the system temp folder instead.")
            .arg(path);
    return QCoreApplication::translate("sockscope::Preferences",
                                       "The capture folder set in Preferences, %1, is not "
                                       "writable; capturing in the system temp folder instead.")
        .arg(path);
}
} // namespace

Preferences Preferences::load() {
    const QSettings settings;
    Preferences preferences;
    preferences.captureBudget = parseCaptureBudget(settings.value(kBudgetKey, kAuto).toString())
                                    .value_or(CaptureOptions::kAutoBudget);
    preferences.captureDir = settings.value(kDirKey).toString();
    QString error;
    preferences.keep =
        KeepPolicy::parse(settings.value(kKeepKey, QStringLiteral("all")).toString(), &error)
            .value_or(KeepPolicy{});
    return preferences;
}

void Preferences::save() const {
    QSettings settings;
    settings.setValue(kBudgetKey, captureBudgetText(captureBudget));
    settings.setValue(kDirKey, captureDir);
    settings.setValue(kKeepKey, keep.name());
}

QString captureBudgetText(qint64 budget) {
    if (budget == CaptureOptions::kAutoBudget)
        return kAuto;
    for (const auto& [suffix, unit] :
         {std::pair{u'G', 1ll << 30}, {u'M', 1ll << 20}, {u'K', 1ll << 10}}) {
        if (budget % unit == 0)
            return QStringLiteral("%1%2").arg(budget / unit).arg(QChar(suffix));
    }
    return QString::number(budget);
}

std::optional<qint64> parseCaptureBudget(const QString& text) {
    if (text.trimmed().compare(kAuto, Qt::CaseInsensitive) == 0)
        return CaptureOptions::kAutoBudget;
    const std::optional<qint64> bytes = parseByteSize(text);
    if (!bytes || *bytes == 0)
        return std::nullopt;
    return bytes;
}

CaptureOptions windowCaptureOptions(const CaptureOptions& commandLine,
                                    const Preferences& preferences, QString* notice) {
    notice->clear();
    CaptureOptions options = commandLine;
    if (options.budget == CaptureOptions::kAutoBudget)
        options.budget = preferences.captureBudget;
    if (options.dir.isEmpty() && !preferences.captureDir.isEmpty()) {
        const QFileInfo dir(preferences.captureDir);
        if (dir.isDir() && dir.isWritable()) {
            options.dir = preferences.captureDir;
        } else {
            *notice = unusableFolderNotice(dir);
        }
    }
    return options;
}

CommandLine withPreferences(CommandLine commandLine, const Preferences& preferences,
                            QString* notice) {
    commandLine.capture = windowCaptureOptions(commandLine.capture, preferences, notice);
    if (!commandLine.keep) {
        for (ListenerConfig& listener : commandLine.listeners)
            listener.keep = preferences.keep;
        for (ClientConfig& client : commandLine.clients)
            client.keep = preferences.keep;
    }
    return commandLine;
}

KeepPolicy defaultKeepPolicy() {
    return g_keepOverride.value_or(Preferences::load().keep);
}

void overrideDefaultKeepPolicy(const std::optional<KeepPolicy>& policy) {
    g_keepOverride = policy;
}

} // namespace sockscope
