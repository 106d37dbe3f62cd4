#!/usr/bin/env bash
# Makes a private .NET root in .tools/dotnet that has the machine's SDK and .NET 10 runtimes (linked, not copied)
# plus the .NET 8 shared runtimes (Microsoft.NETCore.App and Microsoft.AspNetCore.App), unpacked from the official
# runtime packages on NuGet. Debian has no .NET 8 runtime package and this machine has none installed, so this is the
# only way to *run* the net8.0 builds of the test suites (not just compile them).
# Prints the root's path on success; prints why and exits 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
version="${NET8_RUNTIME_VERSION:-8.0.34}"
system_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
root="$PWD/.tools/dotnet"

if [ -x "$root/dotnet" ] && [ -f "$root/shared/Microsoft.AspNetCore.App/$version/Microsoft.AspNetCore.dll" ] \
   && [ -f "$root/shared/Microsoft.NETCore.App/$version/System.Private.CoreLib.dll" ]; then
  echo "$root"; exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat > "$work/download.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
    <ImportDirectoryBuildProps>false</ImportDirectoryBuildProps>
    <ImportDirectoryPackagesProps>false</ImportDirectoryPackagesProps>
  </PropertyGroup>
  <ItemGroup>
    <PackageDownload Include="Microsoft.NETCore.App.Runtime.linux-x64" Version="[$version]" />
    <PackageDownload Include="Microsoft.AspNetCore.App.Runtime.linux-x64" Version="[$version]" />
  </ItemGroup>
</Project>
XML
cp nuget.config "$work/"
if ! dotnet restore "$work/download.csproj" >"$work/restore.log" 2>&1; then
  cat "$work/restore.log" >&2
  echo "Could not download the .NET $version runtime packages from NuGet." >&2
  exit 1
fi
packages="$(dotnet nuget locals global-packages --list | sed -E 's/^[^:]*: *//')"
netcore="$packages/microsoft.netcore.app.runtime.linux-x64/$version/runtimes/linux-x64"
aspnet="$packages/microsoft.aspnetcore.app.runtime.linux-x64/$version/runtimes/linux-x64"

rm -rf "$root"
mkdir -p "$root/shared/Microsoft.NETCore.App/$version" "$root/shared/Microsoft.AspNetCore.App/$version"
cp "$system_root/dotnet" "$root/dotnet"
for entry in host sdk sdk-manifests packs templates metadata; do
  [ -e "$system_root/$entry" ] && ln -sfn "$system_root/$entry" "$root/$entry"
done
for fw in "$system_root"/shared/*/*; do
  mkdir -p "$root/shared/$(basename "$(dirname "$fw")")"
  ln -sfn "$fw" "$root/shared/$(basename "$(dirname "$fw")")/$(basename "$fw")"
done
cp "$netcore"/lib/net8.0/* "$netcore"/native/* "$root/shared/Microsoft.NETCore.App/$version/"
cp "$aspnet"/lib/net8.0/* "$root/shared/Microsoft.AspNetCore.App/$version/"
"$root/dotnet" --list-runtimes | grep -q "Microsoft.AspNetCore.App $version" \
  || { echo "The private .NET root at $root does not list ASP.NET Core $version." >&2; exit 1; }
echo "$root"
