using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ConsentKit.EntityFrameworkCore.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ConsentKitDataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", nullable: true),
                    Xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentKitDataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ConsentKitRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReceiptId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    NoticeSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Controller = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    GlobalPrivacyControl = table.Column<bool>(type: "INTEGER", nullable: false),
                    Digest = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentKitRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ConsentKitRecordDecisions",
                columns: table => new
                {
                    RecordId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ModuleId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Measure = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Fingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Recipient = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentKitRecordDecisions", x => new { x.RecordId, x.ModuleId });
                    table.ForeignKey(
                        name: "FK_ConsentKitRecordDecisions_ConsentKitRecords_RecordId",
                        column: x => x.RecordId,
                        principalTable: "ConsentKitRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ConsentKitRecordDecisions_ModuleId_RecordedAt",
                table: "ConsentKitRecordDecisions",
                columns: new[] { "ModuleId", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ConsentKitRecords_ReceiptId",
                table: "ConsentKitRecords",
                column: "ReceiptId");

            migrationBuilder.CreateIndex(
                name: "IX_ConsentKitRecords_RecordedAt",
                table: "ConsentKitRecords",
                column: "RecordedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConsentKitDataProtectionKeys");

            migrationBuilder.DropTable(
                name: "ConsentKitRecordDecisions");

            migrationBuilder.DropTable(
                name: "ConsentKitRecords");
        }
    }
}
