; Inno Setup script: a per-user installer around the bundle in dist\qbr-studio, with a
; Start-menu entry and the .qbr / .qbrteam file associations (double click opens the app), all
; on the windowed "QBR Studio.exe" (no console window); qbr-studio.exe beside it is the command.
; Build on Windows after `python tools/bundle.py`:  iscc resources\windows\qbr-studio.iss
#define AppVersion GetEnv("QBR_STUDIO_VERSION")

[Setup]
AppId={{6E0C4E1B-6C55-4C1E-9A0B-9B1C8F5E2A71}
AppName=QBR Studio
AppVersion={#AppVersion}
AppPublisher=QBR Studio
DefaultDirName={localappdata}\Programs\QBR Studio
DefaultGroupName=QBR Studio
PrivilegesRequired=lowest
ChangesAssociations=yes
OutputDir=..\..\dist
OutputBaseFilename=qbr-studio-{#AppVersion}-windows-setup
SetupIconFile=..\icons\qbr-studio.ico
UninstallDisplayIcon={app}\QBR Studio.exe

[Files]
Source: "..\..\dist\qbr-studio\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\QBR Studio"; Filename: "{app}\QBR Studio.exe"

[Registry]
Root: HKCU; Subkey: "Software\Classes\.qbr"; ValueType: string; ValueData: "QBRStudio.Review"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\QBRStudio.Review"; ValueType: string; ValueData: "QBR Studio review"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\QBRStudio.Review\DefaultIcon"; ValueType: string; ValueData: "{app}\QBR Studio.exe,0"
Root: HKCU; Subkey: "Software\Classes\QBRStudio.Review\shell\open\command"; ValueType: string; ValueData: """{app}\QBR Studio.exe"" ""%1"""
Root: HKCU; Subkey: "Software\Classes\.qbrteam"; ValueType: string; ValueData: "QBRStudio.Team"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\QBRStudio.Team"; ValueType: string; ValueData: "QBR Studio team pack"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\QBRStudio.Team\DefaultIcon"; ValueType: string; ValueData: "{app}\QBR Studio.exe,0"
Root: HKCU; Subkey: "Software\Classes\QBRStudio.Team\shell\open\command"; ValueType: string; ValueData: """{app}\QBR Studio.exe"" ""%1"""
