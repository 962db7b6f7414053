#include "exportaction.h"

#include "sessionfolder.h"
#include "sessionsource.h"
#include "uilog.h"

#include <QDir>
#include <QFileDialog>
#include <QMessageBox>

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
    QStringList filters;
    for (const FormatChoice& choice : kChoices)
        filters << tr(choice.filter);
    QString selected = filters.first();
    QString path = QFileDialog::getSaveFileName(
        m_dialogParent, tr("Export session"),
        QDir(sessionFolder()).filePath(suggestedSessionFileName(QStringLiteral("jsonl"))),
        filters.join(QStringLiteral(";;")), &selected);
    if (path.isEmpty())
        return false;
    // A typed extension wins over the filter, so "x.pcap" is never JSON.
    const auto& choice = kChoices[std::size_t(qMax(0, filters.indexOf(selected)))];
    std::optional<ExportFormat> format = exportFormatForPath(path);
    if (!format) {
        path += u'.' + QLatin1String(choice.suffix);
        format = choice.format;
    }
    rememberSessionFolder(path);
    QString error;
    if (!exportTo(path, *format, &error)) {
        QMessageBox::warning(m_dialogParent, tr("Export failed"),
                             tr("The session could not be exported to %1.\n\n%2")
                                 .arg(QDir::toNativeSeparators(path), error));
        return false;
    }
    Q_EMIT exported(path);
    return true;
}

} // namespace sockscope
