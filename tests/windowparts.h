#pragma once

// The main window's parts, by the object names MainWindow gives them.

#include "batchpacer.h"
#include "connectionspanel.h"
#include "detailtabs.h"
#include "exportaction.h"
#include "models/connectionsmodel.h"
#include "models/eventlogmodel.h"
#include "models/trafficmodel.h"
#include "noticebanner.h"
#include "opensessionaction.h"
#include "recordaction.h"
#include "sendbox.h"
#include "sessionsource.h"
#include "sessionstatusbar.h"
#include "systemsocketspanel.h"
#include "trafficpanel.h"

#include "findpart.h"

#include <QDockWidget>

namespace parts {

// clang-format off
template <class W> sockscope::ConnectionsModel* connectionsModel(const W& w) { return find<sockscope::ConnectionsModel>(w, "connectionsModel"); }
template <class W> sockscope::TrafficModel* trafficModel(const W& w) { return find<sockscope::TrafficModel>(w, "trafficModel"); }
template <class W> sockscope::EventLogModel* eventLogModel(const W& w) { return find<sockscope::EventLogModel>(w, "eventLogModel"); }
template <class W> sockscope::ConnectionsPanel* connectionsPanel(const W& w) { return find<sockscope::ConnectionsPanel>(w, "connectionsPanel"); }
template <class W> sockscope::TrafficPanel* trafficPanel(const W& w) { return find<sockscope::TrafficPanel>(w, "trafficPanel"); }
template <class W> sockscope::SystemSocketsPanel* systemSocketsPanel(const W& w) { return find<sockscope::SystemSocketsPanel>(w, "systemSocketsPanel"); }
template <class W> QDockWidget* systemSocketsDock(const W& w) { return find<QDockWidget>(w, "systemSocketsDock"); }
template <class W> sockscope::SendBox* sendBox(const W& w) { return find<sockscope::SendBox>(w, "sendBox"); }
template <class W> sockscope::DetailTabs* detailTabs(const W& w) { return find<sockscope::DetailTabs>(w, "detailTabs"); }
template <class W> sockscope::NoticeBanner* noticeBanner(const W& w) { return find<sockscope::NoticeBanner>(w, "noticeBanner"); }
template <class W> sockscope::SessionStatusBar* sessionStatusBar(const W& w) { return find<sockscope::SessionStatusBar>(w, "sessionStatusBar"); }
template <class W> sockscope::ExportAction* exportAction(const W& w) { return find<sockscope::ExportAction>(w, "exportAction"); }
template <class W> sockscope::OpenSessionAction* openSessionAction(const W& w) { return find<sockscope::OpenSessionAction>(w, "openSessionAction"); }
template <class W> sockscope::RecordAction* recordAction(const W& w) { return find<sockscope::RecordAction>(w, "recordAction"); }
template <class W> sockscope::SessionSource* source(const W& w) { return find<sockscope::SessionSource>(w, "sessionSource"); }
template <class W> sockscope::BatchPacer* batchPacer(const W& w) { return find<sockscope::BatchPacer>(w, "batchPacer"); }
// clang-format on

} // namespace parts
