#include "windowlayoutsettings.h"

#include <QMainWindow>
#include <QScreen>
#include <QSettings>
#include <QSplitter>

namespace sockscope {

WindowLayoutSettings::WindowLayoutSettings(QMainWindow* window, QList<QSplitter*> splitters,
                                           QString group)
    : m_window(window)
    , m_splitters(std::move(splitters))
    , m_group(std::move(group)) {
}

bool WindowLayoutSettings::restore() {
    const QSettings settings;
    m_window->restoreGeometry(settings.value(key(QStringLiteral("geometry"))).toByteArray());
    m_window->restoreState(settings.value(key(QStringLiteral("state"))).toByteArray());
    for (QSplitter* splitter : std::as_const(m_splitters))
        splitter->restoreState(settings.value(key(splitter->objectName())).toByteArray());
    if (settings.contains(key(QStringLiteral("geometry"))))
        return true;
    // Screens up to 1440 wide get all of their width: the connections tree
    // and the traffic table both need it.
    const QSize available = m_window->screen()->availableSize();
    m_window->resize(qMin(1440, available.width()), qMin(900, available.height() * 9 / 10));
    return false;
}

void WindowLayoutSettings::save() const {
    QSettings settings;
    settings.setValue(key(QStringLiteral("geometry")), m_window->saveGeometry());
    settings.setValue(key(QStringLiteral("state")), m_window->saveState());
    for (const QSplitter* splitter : m_splitters)
        settings.setValue(key(splitter->objectName()), splitter->saveState());
}

QString WindowLayoutSettings::key(const QString& name) const {
    return m_group + u'/' + name;
}

} // namespace sockscope
