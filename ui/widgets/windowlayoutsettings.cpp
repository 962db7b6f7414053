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
    const bool restored = settings.contains(key(QStringLiteral("geometry")));
    if (!restored) {
        // Screens up to 1440 wide get all of their width, and wider ones
        // most of it: the connections tree and the traffic table both
        // need it. The height leaves room for a title bar and a panel.
        const QSize available = m_window->screen()->availableSize();
        m_window->resize(qMax(qMin(1440, available.width()), available.width() * 5 / 6),
                         qMin(1000, available.height() * 9 / 10));
    }
    fitToScreen();
    return restored;
}

void WindowLayoutSettings::fitToScreen() {
    // A geometry saved on a larger screen, or a first size on a small one
    // without a window manager to clip it, must not leave part of the
    // window out of reach.
    if (m_window->isMaximized() || m_window->isFullScreen())
        return;
    const QRect available = m_window->screen()->availableGeometry();
    const QRect frame = m_window->frameGeometry();
    const QMargins decoration(m_window->geometry().left() - frame.left(),
                              m_window->geometry().top() - frame.top(),
                              frame.right() - m_window->geometry().right(),
                              frame.bottom() - m_window->geometry().bottom());
    const QSize room = available.size().shrunkBy(decoration);
    const QSize size = m_window->size().boundedTo(room);
    if (size != m_window->size())
        m_window->resize(size);
    const QSize outer = size.grownBy(decoration);
    const int x = qBound(available.left(), frame.left(), available.right() + 1 - outer.width());
    const int y = qBound(available.top(), frame.top(), available.bottom() + 1 - outer.height());
    if (QPoint(x, y) != frame.topLeft())
        m_window->move(x, y);
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
