#include "exportaction.h"

#include "capture/capturestore.h"
#include "sessionfolder.h"
#include "sessionsource.h"
#include "uilog.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>

#include <array>

namespace sockscope {

namespace {
struct FormatChoice {
    ExportFormat format;
    const char* filter;
    const char* suffix;
};
constexpr std::array kChoices{
    FormatChoice{ExportFormat::Jsonl,
                 QT_TRANSLATE_NOOP("sockscope::ExportAction", "JSON Lines (*.jsonl)"), "jsonl"},
    FormatChoice{ExportFormat::Csv, QT_TRANSLATE_NOOP("sockscope::ExportAction", "CSV (*.csv)"),
                 "csv"},
    FormatChoice{ExportFormat::Html,
                 QT_TRANSLATE_NOOP("sockscope::ExportAction", "HTML report (*.html)"), "html"},
    FormatChoice{ExportFormat::Pcap,
                 QT_TRANSLATE_NOOP("sockscope::ExportAction", "pcap for Wireshark (*.pcap)"),
                 "pcap"},
    FormatChoice{
        ExportFormat::Pcapng,
        QT_TRANSLATE_NOOP("sockscope::ExportAction", "pcapng with TLS records and keys (*.pcapng)"),
        "pcapng"},
};
} // namespace

ExportAction::ExportAction(const SessionSource* source, QWidget* parent)
    : QAction(QIcon(QStringLiteral(":/icons/export.svg")), tr("&Export session…"), parent)
    , m_source(source)
    , m_dialogParent(parent) {
    setShortcut(QKeySequence::Save);
    setToolTip(tr("Export every captured event to a file (%1)")
                   .arg(shortcut().toString(QKeySequence::NativeText)));
    setStatusTip(tr("Export every captured event to a file"));
    connect(this, &QAction::triggered, this, &ExportAction::exportInteractively);
}

bool ExportAction::exportTo(const QString& path, ExportFormat format, QString* error) const {
    if (!exportSession(m_source->store(), path, format, error)) {
        qCWarning(lcUi) << "export failed:" << *error;
        return false;
    }
    qCInfo(lcUi) << "exported" << exportFormatName(format) << "to" << path;
    return true;
}

bool ExportAction::exportInteractively() {
    QString suggested =
        QDir(sessionFolder()).filePath(suggestedSessionFileName(QStringLiteral("jsonl")));
    for (;;) {
        ExportFormat format = ExportFormat::Jsonl;
        const QString path = askForPath(suggested, &format);
        if (path.isEmpty())
            return false;
        QString error;
        if (exportTo(path, format, &error)) {
            rememberSessionFolder(path); // only a folder that took the file
            Q_EMIT exported(path);
            return true;
        }
        if (!offerElsewhere(path, error))
            return false;
        // The same name in the last folder that worked: the failed one may be gone.
        suggested = QDir(sessionFolder()).filePath(QFileInfo(path).fileName());
    }
}

QString ExportAction::askForPath(const QString& suggested, ExportFormat* format) {
    QStringList filters;
    for (const FormatChoice& choice : kChoices)
        filters << tr(choice.filter);
    QString selected = filters.first();
    QString path = QFileDialog::getSaveFileName(m_dialogParent, tr("Export session"), suggested,
                                                filters.join(QStringLiteral(";;")), &selected);
    if (path.isEmpty())
        return path;
    // A typed extension wins over the filter, so "x.pcap" is never JSON.
    const auto& choice = kChoices[std::size_t(qMax(0, filters.indexOf(selected)))];
    if (const std::optional<ExportFormat> typed = exportFormatForPath(path)) {
        *format = *typed;
        return path;
    }
    *format = choice.format;
    return path + u'.' + QLatin1String(choice.suffix);
}

bool ExportAction::offerElsewhere(const QString& path, const QString& error) {
    // A failed export at quit must not leave the capture with nowhere to go.
    QMessageBox box(
        QMessageBox::Warning, tr("Export failed"),
        tr("The session could not be exported to %1.").arg(QDir::toNativeSeparators(path)),
        QMessageBox::Cancel, m_dialogParent);
    box.setObjectName(QStringLiteral("exportFailedBox"));
    box.setInformativeText(error);
    QPushButton* elsewhere = box.addButton(tr("Export &elsewhere…"), QMessageBox::AcceptRole);
    elsewhere->setObjectName(QStringLiteral("exportElsewhere"));
    box.setDefaultButton(elsewhere);
    box.exec();
    return box.clickedButton() == elsewhere;
}

} // namespace sockscope
