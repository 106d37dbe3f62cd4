using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ConsentKit.EntityFrameworkCore.Migrations.PostgreSql
{
    /// <inheritdoc />
    internal partial class CurrentDecisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ConsentKitCurrentDecisions",
                columns: table => new
                {
                    ReceiptId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ModuleId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Fingerprint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentKitCurrentDecisions", x => new { x.ReceiptId, x.ModuleId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_ConsentKitCurrentDecisions_DecidedAt",
                table: "ConsentKitCurrentDecisions",
                column: "DecidedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConsentKitCurrentDecisions");
        }
    }
}
